import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AssetKind, AssetState, AssetView, Paged } from '@tiantai/shared';
import { api } from '@/lib/api-client';

export interface AssetFilter {
  kind?: AssetKind;
  /** Only presses: the machines molds are mounted on. */
  press?: boolean;
  plantId?: string;
  lineId?: string;
  state?: AssetState;
  q?: string;
  page: number;
  pageSize: number;
}

/** Everything read from the assets module (plants, lines, lists, details) lives under this key. */
export const assetsQueryKey = ['assets'] as const;

export function getAssets(filter: AssetFilter, signal?: AbortSignal): Promise<Paged<AssetView>> {
  return api.get<Paged<AssetView>>(
    '/api/assets',
    {
      kind: filter.kind,
      press: filter.press,
      plantId: filter.plantId,
      lineId: filter.lineId,
      state: filter.state,
      q: filter.q?.trim(),
      page: filter.page,
      pageSize: filter.pageSize,
    },
    signal,
  );
}

export function useAssets(filter: AssetFilter, enabled = true) {
  return useQuery({
    queryKey: [...assetsQueryKey, 'list', filter],
    queryFn: ({ signal }) => getAssets(filter, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}
