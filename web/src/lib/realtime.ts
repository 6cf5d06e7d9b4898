// The browser end of the realtime stream (GET /api/realtime/stream, server-sent events). Reconnecting is
// snapshot-based: the server's first frame on every (re)connection is `ready`, on which the caller refetches
// its snapshot; the events that follow are applied on top. EventSource reconnects by itself after a network
// drop; when the server refuses (401 after a token is revoked) it gives up, so we try again now and then.
import { useEffect, useRef, useState } from 'react';
import { DOMAIN_EVENT_TYPES, type DomainEvent } from '@tiantai/shared';
import { withQuery } from './api-client';

export type RealtimeStatus = 'connecting' | 'live' | 'offline';

export interface RealtimeOptions {
  /** A kiosk screen token; without it the session cookie authenticates. */
  token?: string | undefined;
  /** Only this plant's events (enterprise users). */
  plantId?: string | undefined;
  /** Called on every (re)connection, once the subscription is in place: refetch the snapshot here. */
  onReady: () => void;
  onEvent: (event: DomainEvent) => void;
  /** The server refused the stream (a revoked token, an ended session): refetch to learn why. */
  onRefused?: () => void;
  enabled?: boolean;
}

const RETRY_AFTER_REFUSAL_MS = 10_000;

export function useRealtime({ token, plantId, onReady, onEvent, onRefused, enabled = true }: RealtimeOptions): RealtimeStatus {
  const [status, setStatus] = useState<RealtimeStatus>('connecting');
  // The latest callbacks, without reopening the stream when the caller's closures change.
  const handlers = useRef({ onReady, onEvent, onRefused });
  useEffect(() => {
    handlers.current = { onReady, onEvent, onRefused };
  });

  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;

    const open = () => {
      source = new EventSource(withQuery('/api/realtime/stream', { token, plantId }));
      source.addEventListener('ready', () => {
        setStatus('live');
        handlers.current.onReady();
      });
      for (const type of DOMAIN_EVENT_TYPES) {
        source.addEventListener(type, (message) => {
          try {
            handlers.current.onEvent(JSON.parse((message as MessageEvent<string>).data) as DomainEvent);
          } catch {
            // a frame we cannot read is skipped; the next snapshot corrects the picture
          }
        });
      }
      source.onerror = () => {
        setStatus('offline');
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          handlers.current.onRefused?.();
          retry = setTimeout(open, RETRY_AFTER_REFUSAL_MS);
        }
      };
    };
    open();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      source?.close();
    };
  }, [token, plantId, enabled]);

  return status;
}
