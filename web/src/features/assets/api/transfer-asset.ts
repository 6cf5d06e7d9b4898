import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AssetDetailView, TransferBody } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { assetsQueryKey } from './get-assets';

export function transferAsset(id: string, body: TransferBody): Promise<AssetDetailView> {
  return api.post<AssetDetailView>(`/api/assets/${encodeURIComponent(id)}/transfer`, body);
}

export function useTransferAsset(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TransferBody) => transferAsset(id, body),
    // The answer may be the receiver's view of an asset the caller no longer sees: read the detail again.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assetsQueryKey }),
  });
}
