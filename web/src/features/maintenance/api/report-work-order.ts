import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateWorkOrderBody, WorkOrderDetailView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { workOrderDetailQueryKey } from './get-work-order';
import { maintenanceQueryKey } from './get-work-orders';

/** 报修: a fault report on an asset the enterprise keeps. */
export function reportWorkOrder(body: CreateWorkOrderBody): Promise<WorkOrderDetailView> {
  return api.post<WorkOrderDetailView>('/api/work-orders', body);
}

export function useReportWorkOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reportWorkOrder,
    onSuccess: async (created) => {
      queryClient.setQueryData(workOrderDetailQueryKey(created.id), created);
      // Lists and KPIs count the new order.
      await queryClient.invalidateQueries({ queryKey: maintenanceQueryKey });
    },
  });
}
