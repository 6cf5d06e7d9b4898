import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AssetBody, AssetDetailView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { assetDetailQueryKey } from './get-asset';
import { assetsQueryKey } from './get-assets';

export function createAsset(body: AssetBody): Promise<AssetDetailView> {
  return api.post<AssetDetailView>('/api/assets', body);
}

export function useCreateAsset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAsset,
    onSuccess: async (created) => {
      queryClient.setQueryData(assetDetailQueryKey(created.id), created);
      await queryClient.invalidateQueries({ queryKey: [...assetsQueryKey, 'list'] });
    },
  });
}
