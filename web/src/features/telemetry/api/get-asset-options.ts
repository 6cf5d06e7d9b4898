import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AssetView, Paged } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { telemetryQueryKey } from './get-devices';

/** Assets a device can be bound to, searched by code or name. */
export function getAssetOptions(q: string | undefined, signal?: AbortSignal): Promise<Paged<AssetView>> {
  return api.get<Paged<AssetView>>('/api/assets', { q: q?.trim(), page: 1, pageSize: 50 }, signal);
}

export function useAssetOptions(q: string | undefined) {
  return useQuery({
    queryKey: [...telemetryQueryKey, 'asset-options', q ?? ''],
    queryFn: ({ signal }) => getAssetOptions(q, signal),
    placeholderData: keepPreviousData,
  });
}
