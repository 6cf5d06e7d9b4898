import { useQuery } from '@tanstack/react-query';
import type { Paged, WorkOrderView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { assetDetailQueryKey } from './get-asset';

/** How many of the asset's latest work orders its page shows. */
export const ASSET_WORK_ORDERS_SHOWN = 10;

export const assetWorkOrdersQueryKey = (assetId: string) => [...assetDetailQueryKey(assetId), 'work-orders'] as const;

/** The asset's latest work orders (保养 / 巡检 / 维修), newest first. */
export function getAssetWorkOrders(assetId: string, signal?: AbortSignal): Promise<Paged<WorkOrderView>> {
  return api.get<Paged<WorkOrderView>>('/api/work-orders', { assetId, page: 1, pageSize: ASSET_WORK_ORDERS_SHOWN }, signal);
}

export function useAssetWorkOrders(assetId: string, enabled = true) {
  return useQuery({
    queryKey: assetWorkOrdersQueryKey(assetId),
    queryFn: ({ signal }) => getAssetWorkOrders(assetId, signal),
    enabled,
  });
}
