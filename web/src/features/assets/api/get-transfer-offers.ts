import { useQuery } from '@tanstack/react-query';
import type { AssetTransferListQuery, AssetTransferOfferView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { assetsQueryKey } from './get-assets';

/** Transfer offers live under the assets key: an answer moves assets, plans and orders with them. */
export const transferOffersQueryKey = (query: AssetTransferListQuery) => [...assetsQueryKey, 'transfers', query] as const;

/** The offers the caller's enterprise receives or sent (one direction, one status, one asset with the filter). */
export function getTransferOffers(query: AssetTransferListQuery, signal?: AbortSignal): Promise<AssetTransferOfferView[]> {
  return api.get<AssetTransferOfferView[]>('/api/asset-transfers', { ...query }, signal);
}

export function useTransferOffers(query: AssetTransferListQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: transferOffersQueryKey(query),
    queryFn: ({ signal }) => getTransferOffers(query, signal),
    enabled: options.enabled ?? true,
  });
}
