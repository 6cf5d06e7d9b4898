// Keeps a screen's snapshot current: refetched on every (re)connection of the stream (its `ready` frame),
// events applied to the cached snapshot at once, and a quiet refetch shortly after a burst of events so
// the figures computed on the server (KPIs, counts) follow too.
import { useCallback, useEffect, useRef } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { DomainEvent } from '@tiantai/shared';
import { useRealtime } from '@/lib/realtime';

const SETTLE_MS = 700;

export function useScreenFeed<T>({
  queryKey,
  token,
  plantId,
  apply,
  enabled = true,
}: {
  queryKey: QueryKey;
  token: string | undefined;
  plantId?: string | undefined;
  /** The snapshot with the event applied (or the same object when the event changes nothing shown). */
  apply: (snapshot: T, event: DomainEvent) => T;
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
      if (settle.current) clearTimeout(settle.current);
      settle.current = setTimeout(refetch, SETTLE_MS);
    },
    [queryClient, queryKey, apply, refetch],
  );
  return useRealtime({ token, plantId, onReady: refetch, onEvent, enabled });
}
