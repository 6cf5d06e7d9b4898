import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChecklistTickBody, WorkOrderDetailView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { workOrderDetailQueryKey } from './get-work-order';

/** Ticks one item of a maintenance order's checklist (pass / fail / n.a., a value, a note). */
export function tickChecklistItem(orderId: string, itemId: string, body: ChecklistTickBody): Promise<WorkOrderDetailView> {
  return api.put<WorkOrderDetailView>(`/api/work-orders/${encodeURIComponent(orderId)}/checklist/${encodeURIComponent(itemId)}`, body);
}

export function useTickChecklistItem(orderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, body }: { itemId: string; body: ChecklistTickBody }) => tickChecklistItem(orderId, itemId, body),
    onSuccess: (updated) => queryClient.setQueryData(workOrderDetailQueryKey(orderId), updated),
    onError: () => queryClient.invalidateQueries({ queryKey: workOrderDetailQueryKey(orderId) }),
  });
}
