import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Paged, WorkOrderKind, WorkOrderStatus, WorkOrderView } from '@tiantai/shared';
import { api } from '@/lib/api-client';

/** Everything read from the maintenance module (work orders, plans, parts, KPIs) lives under this key. */
export const maintenanceQueryKey = ['maintenance'] as const;
export const workOrdersQueryKey = [...maintenanceQueryKey, 'work-orders'] as const;

export interface WorkOrderFilter {
  kind?: WorkOrderKind;
  status?: WorkOrderStatus;
  assetId?: string;
  q?: string;
  /** Only the caller's assigned orders that are still open: a technician's task list. */
  mine?: boolean;
  page?: number;
  pageSize?: number;
}

export function getWorkOrders(filter: WorkOrderFilter, signal?: AbortSignal): Promise<Paged<WorkOrderView>> {
  return api.get<Paged<WorkOrderView>>(
    '/api/work-orders',
    {
      kind: filter.kind,
      status: filter.status,
      assetId: filter.assetId,
      q: filter.q?.trim() || undefined,
      mine: filter.mine ? 'true' : undefined,
      open: filter.mine && !filter.status ? 'true' : undefined,
      page: filter.page ?? 1,
      pageSize: filter.pageSize ?? 20,
    },
    signal,
  );
}

export function useWorkOrders(filter: WorkOrderFilter) {
  return useQuery({
    queryKey: [...workOrdersQueryKey, 'list', filter],
    queryFn: ({ signal }) => getWorkOrders(filter, signal),
    placeholderData: keepPreviousData,
  });
}
