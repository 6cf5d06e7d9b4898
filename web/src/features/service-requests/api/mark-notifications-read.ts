import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { NotificationView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { notificationsQueryKey } from './get-notifications';
import type { NotificationList } from './get-notifications';

export function markNotificationsRead(ids: string[] | 'all'): Promise<void> {
  return api.post('/api/notifications/read', { ids });
}

export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNotificationsRead,
    // The bell clears at once; the refetch afterwards confirms the count.
    onMutate: (ids) => {
      const readAt = new Date().toISOString();
      queryClient.setQueryData<NotificationList>(notificationsQueryKey, (list) => {
        if (!list) return list;
        const marking = (n: NotificationView) => !n.readAt && (ids === 'all' || ids.includes(n.id));
        const newlyRead = list.items.filter(marking).length;
        return {
          unread: ids === 'all' ? 0 : Math.max(0, list.unread - newlyRead),
          items: list.items.map((n) => (marking(n) ? { ...n, readAt } : n)),
        };
      });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsQueryKey }),
  });
}
