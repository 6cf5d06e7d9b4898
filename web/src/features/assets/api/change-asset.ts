import { useQueryClient } from '@tanstack/react-query';
import type { AssetDetailView } from '@tiantai/shared';
import { assetDetailQueryKey } from './get-asset';
import { assetsQueryKey } from './get-assets';

/**
 * What every change to one asset does to the cache: the answer is the new detail, and the lists (state,
 * shots, mounted press) move with it. On failure the detail is read again, since someone else may have
 * changed the asset meanwhile.
 */
export function useAssetChangeHandlers(id: string) {
  const queryClient = useQueryClient();
  return {
    onSuccess: async (updated: AssetDetailView) => {
      queryClient.setQueryData(assetDetailQueryKey(id), updated);
      await queryClient.invalidateQueries({ queryKey: [...assetsQueryKey, 'list'] });
    },
    onError: () => queryClient.invalidateQueries({ queryKey: assetDetailQueryKey(id) }),
  };
}
