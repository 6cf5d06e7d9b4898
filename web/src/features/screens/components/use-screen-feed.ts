// Keeps a screen's snapshot current: refetched on every (re)connection of the stream (its `ready` frame),
// events applied to the cached snapshot at once, and, for events whose effect on server-computed figures
// (KPIs, counts) the browser cannot work out, one refetch at most every SETTLE_MS — throttled, not
// debounced, so a steady stream of events cannot postpone it forever.
import { useCallback, useEffect, useRef } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { DomainEvent } from '@tiantai/shared';
import { useRealtime } from '@/lib/realtime';

const SETTLE_MS = 800;

export function useScreenFeed<T>({
  queryKey,
  token,
  plantId,
  apply,
  refetchOn = () => true,
  enabled = true,
}: {
  queryKey: QueryKey;
  token: string | undefined;
  plantId?: string | undefined;
  /** The snapshot with the event applied (or the same object when the event changes nothing shown). */
  apply: (snapshot: T, event: DomainEvent) => T;
  /** Whether the event changes figures only the server computes (default: every event). */
  refetchOn?: (event: DomainEvent) => boolean;
  enabled?: boolean;
}) {
  const queryClient = useQueryClient();
  const settle = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (settle.current) clearTimeout(settle.current);
    },
    [],
  );

  const refetch = useCallback(() => void queryClient.invalidateQueries({ queryKey, exact: true }), [queryClient, queryKey]);
  const onEvent = useCallback(
    (event: DomainEvent) => {
      queryClient.setQueryData<T>(queryKey, (snapshot) => (snapshot === undefined ? snapshot : apply(snapshot, event)));
      if (!refetchOn(event) || settle.current) return;
      settle.current = setTimeout(() => {
        settle.current = null;
        refetch();
      }, SETTLE_MS);
    },
    [queryClient, queryKey, apply, refetch, refetchOn],
  );
  return useRealtime({ token, plantId, onReady: refetch, onEvent, onRefused: refetch, enabled });
}
