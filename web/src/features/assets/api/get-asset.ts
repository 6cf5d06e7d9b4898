import { useQuery } from '@tanstack/react-query';
import type { AssetDetailView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { assetsQueryKey } from './get-assets';

export const assetDetailQueryKey = (id: string) => [...assetsQueryKey, 'detail', id] as const;

export function getAsset(id: string, signal?: AbortSignal): Promise<AssetDetailView> {
  return api.get<AssetDetailView>(`/api/assets/${encodeURIComponent(id)}`, undefined, signal);
}

export function useAsset(id: string) {
  return useQuery({ queryKey: assetDetailQueryKey(id), queryFn: ({ signal }) => getAsset(id, signal) });
}

/** The printable QR label (an SVG); the browser sends the session cookie with the <img> request. */
export function assetLabelUrl(id: string): string {
  return `/api/assets/${encodeURIComponent(id)}/label`;
}
