import { useQuery } from '@tanstack/react-query';
import type { AssetSummaryView } from '@tiantai/shared';
import { api } from '@/lib/api-client';

/** Counts of the assets the enterprise owns or keeps (the county's totals for county staff). */
export function getAssetSummary(signal?: AbortSignal): Promise<AssetSummaryView> {
  return api.get<AssetSummaryView>('/api/assets/summary', undefined, signal);
}

export function useAssetSummary(enabled: boolean) {
  return useQuery({ queryKey: ['assets', 'summary'], queryFn: ({ signal }) => getAssetSummary(signal), enabled });
}
