import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TransferTargetView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { assetsQueryKey } from './get-assets';

/** The receiver of a transfer: an exact credit code, or two characters of the name at least. */
export function findTransferTargets(q: string, signal?: AbortSignal): Promise<TransferTargetView[]> {
  return api.get<TransferTargetView[]>('/api/assets/transfer-targets', { q }, signal);
}

export function useTransferTargets(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: [...assetsQueryKey, 'transfer-targets', text],
    queryFn: ({ signal }) => findTransferTargets(text, signal),
    enabled: text.length >= 2,
    placeholderData: keepPreviousData,
  });
}
