import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { EnterpriseView, Paged } from '@tiantai/shared';
import { api } from '@/lib/api-client';

export interface EnterpriseFilter {
  q?: string;
  parkId?: string;
  township?: string;
  industry?: string;
  aboveScale?: boolean;
  page: number;
  pageSize: number;
}

export const enterprisesQueryKey = ['enterprises'] as const;

export function getEnterprises(filter: EnterpriseFilter, signal?: AbortSignal): Promise<Paged<EnterpriseView>> {
  return api.get<Paged<EnterpriseView>>(
    '/api/enterprises',
    {
      q: filter.q?.trim(),
      parkId: filter.parkId,
      township: filter.township?.trim(),
      industry: filter.industry,
      aboveScale: filter.aboveScale,
      page: filter.page,
      pageSize: filter.pageSize,
    },
    signal,
  );
}

export function useEnterprises(filter: EnterpriseFilter) {
  return useQuery({
    queryKey: [...enterprisesQueryKey, 'list', filter],
    queryFn: ({ signal }) => getEnterprises(filter, signal),
    // Paging keeps the old rows on screen until the next page arrives.
    placeholderData: keepPreviousData,
  });
}
