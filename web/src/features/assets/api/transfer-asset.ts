import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AssetDetailView, AssetTransferOfferView, TransferBody } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { assetsQueryKey } from './get-assets';

/**
 * A transfer into another enterprise answers the pending offer (202), which that enterprise's admin accepts
 * or declines; a custodian sending the asset back to its owner answers the moved asset (200).
 */
export type TransferResult = { kind: 'offered'; offer: AssetTransferOfferView } | { kind: 'moved'; asset: AssetDetailView };

export async function transferAsset(id: string, body: TransferBody): Promise<TransferResult> {
  const answer = await api.post<AssetDetailView | AssetTransferOfferView>(`/api/assets/${encodeURIComponent(id)}/transfer`, body);
  return 'toEnterpriseId' in answer ? { kind: 'offered', offer: answer } : { kind: 'moved', asset: answer };
}

export function useTransferAsset(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TransferBody) => transferAsset(id, body),
    // The answer may be the receiver's view of an asset the caller no longer sees, or an offer: read again.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assetsQueryKey }),
  });
}
