import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AssetSharingBody, AssetSharingView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { assetsQueryKey } from './get-assets';

export const assetSharingQueryKey = [...assetsQueryKey, 'sharing'] as const;

/** Whether the caller's enterprise shows the county its asset summary. */
export function getAssetSharing(signal?: AbortSignal): Promise<AssetSharingView> {
  return api.get<AssetSharingView>('/api/assets/sharing', undefined, signal);
}

export function setAssetSharing(body: AssetSharingBody): Promise<AssetSharingView> {
  return api.put<AssetSharingView>('/api/assets/sharing', body);
}

export function useAssetSharing() {
  return useQuery({ queryKey: assetSharingQueryKey, queryFn: ({ signal }) => getAssetSharing(signal) });
}

/** The enterprise admin opts in to (or out of) sharing. */
export function useSetAssetSharing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setAssetSharing,
    onSuccess: (view) => queryClient.setQueryData(assetSharingQueryKey, view),
  });
}
