import { useQuery } from '@tanstack/react-query';
import type { WorkOrderDetailView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { workOrdersQueryKey } from './get-work-orders';

export const workOrderDetailQueryKey = (id: string) => [...workOrdersQueryKey, 'detail', id] as const;

export function getWorkOrder(id: string, signal?: AbortSignal): Promise<WorkOrderDetailView> {
  return api.get<WorkOrderDetailView>(`/api/work-orders/${encodeURIComponent(id)}`, undefined, signal);
}

export function useWorkOrder(id: string) {
  return useQuery({ queryKey: workOrderDetailQueryKey(id), queryFn: ({ signal }) => getWorkOrder(id, signal) });
}
