import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AssetView, Paged } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { inspectionQueryKey } from './get-inspection-routes';

/** Assets a point can stand at, searched by code or name: a failed item opens a repair for it. */
export function getInspectionAssets(q: string | undefined, signal?: AbortSignal): Promise<Paged<AssetView>> {
  return api.get<Paged<AssetView>>('/api/assets', { q: q?.trim(), page: 1, pageSize: 50 }, signal);
}

export function useInspectionAssets(q: string | undefined) {
  return useQuery({
    queryKey: [...inspectionQueryKey, 'assets', q ?? ''],
    queryFn: ({ signal }) => getInspectionAssets(q, signal),
    placeholderData: keepPreviousData,
  });
}
