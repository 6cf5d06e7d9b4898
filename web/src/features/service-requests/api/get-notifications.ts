import { useQuery } from '@tanstack/react-query';
import type { NotificationView } from '@tiantai/shared';
import { api } from '@/lib/api-client';

export interface NotificationList {
  unread: number;
  items: NotificationView[];
}

export const notificationsQueryKey = ['notifications'] as const;

export function getNotifications(): Promise<NotificationList> {
  return api.get<NotificationList>('/api/notifications');
}

export function useNotifications() {
  // The live stream keeps this current; the interval only covers a dropped stream.
  return useQuery({ queryKey: notificationsQueryKey, queryFn: getNotifications, refetchInterval: 5 * 60_000 });
}
