import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { NotificationView } from '@tiantai/shared';
import { notificationsQueryKey } from './get-notifications';
import type { NotificationList } from './get-notifications';
import { requestsQueryKey } from './get-requests';

export const NOTIFICATION_STREAM_URL = '/api/notifications/stream';

function parseNotification(data: string): NotificationView | null {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value !== 'object' || value === null || !('id' in value) || !('text' in value)) return null;
    return value as NotificationView;
  } catch {
    return null;
  }
}

/**
 * Listens to the server-sent notifications of the signed-in user (same-origin, so the session cookie goes
 * along): each one lands on top of the bell, and the request it concerns is fetched again wherever shown.
 * EventSource reconnects by itself after a dropped connection.
 */
export function useNotificationStream() {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(NOTIFICATION_STREAM_URL);
    const onNotification = (event: MessageEvent<string>) => {
      const notification = parseNotification(event.data);
      if (!notification) return;
      queryClient.setQueryData<NotificationList>(notificationsQueryKey, (list) => {
        if (!list) return list;
        if (list.items.some((n) => n.id === notification.id)) return list;
        return { unread: list.unread + (notification.readAt ? 0 : 1), items: [notification, ...list.items] };
      });
      void queryClient.invalidateQueries({ queryKey: requestsQueryKey });
    };
    source.addEventListener('notification', onNotification);
    return () => {
      source.removeEventListener('notification', onNotification);
      source.close();
    };
  }, [queryClient]);
}
