import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AssetTransferOfferView, TransferDecisionBody } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { assetsQueryKey } from './get-assets';

/** accept and decline (with an optional note): the receiving admin; cancel: the sending admin withdraws. */
export type TransferAnswer = 'accept' | 'decline' | 'cancel';

export function answerTransferOffer(id: string, answer: TransferAnswer, body: TransferDecisionBody = {}): Promise<AssetTransferOfferView> {
  return api.post<AssetTransferOfferView>(`/api/asset-transfers/${encodeURIComponent(id)}/${answer}`, body);
}

export function useAnswerTransferOffer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, answer, note }: { id: string; answer: TransferAnswer; note?: string }) =>
      answerTransferOffer(id, answer, note ? { note } : {}),
    // An accepted offer moves the asset (lists, details, plans, orders); any answer changes the offers.
    onSettled: () => queryClient.invalidateQueries({ queryKey: assetsQueryKey }),
  });
}
