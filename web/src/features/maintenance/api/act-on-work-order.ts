import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WorkOrderActionBody, WorkOrderDetailView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { workOrderDetailQueryKey } from './get-work-order';
import { maintenanceQueryKey } from './get-work-orders';

export function actOnWorkOrder(id: string, body: WorkOrderActionBody): Promise<WorkOrderDetailView> {
  return api.post<WorkOrderDetailView>(`/api/work-orders/${encodeURIComponent(id)}/actions`, body);
}

export function useActOnWorkOrder(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WorkOrderActionBody) => actOnWorkOrder(id, body),
    onSuccess: async (updated) => {
      queryClient.setQueryData(workOrderDetailQueryKey(id), updated);
      // Lists, stock, plan status and KPIs all move with the order.
      await queryClient.invalidateQueries({
        queryKey: maintenanceQueryKey,
        predicate: (query) => query.queryKey.join('/') !== workOrderDetailQueryKey(id).join('/'),
      });
    },
    // INVALID_TRANSITION or CONFLICT: someone else moved the order; show what it is now.
    onError: () => queryClient.invalidateQueries({ queryKey: workOrderDetailQueryKey(id) }),
  });
}
