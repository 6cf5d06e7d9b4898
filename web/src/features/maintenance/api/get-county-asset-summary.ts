import { useQuery } from '@tanstack/react-query';
import type { AssetSummaryView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { maintenanceQueryKey } from './get-work-orders';

/** The county's asset counts, with the own summary of each enterprise that chose to share it. */
export function getCountyAssetSummary(signal?: AbortSignal): Promise<AssetSummaryView> {
  return api.get<AssetSummaryView>('/api/assets/summary', undefined, signal);
}

export function useCountyAssetSummary() {
  return useQuery({ queryKey: [...maintenanceQueryKey, 'county-asset-summary'], queryFn: ({ signal }) => getCountyAssetSummary(signal) });
}
