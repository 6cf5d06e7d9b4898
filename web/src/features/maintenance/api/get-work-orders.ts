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
}

// The server offers no text search and no assignee filter: the list takes the newest 200 (its largest
// page) and the page narrows them further.
const PAGE_SIZE = 200;

export function getWorkOrders(filter: WorkOrderFilter, signal?: AbortSignal): Promise<Paged<WorkOrderView>> {
  return api.get<Paged<WorkOrderView>>(
    '/api/work-orders',
    { kind: filter.kind, status: filter.status, assetId: filter.assetId, page: 1, pageSize: PAGE_SIZE },
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
