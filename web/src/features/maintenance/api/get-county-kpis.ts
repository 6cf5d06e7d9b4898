import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CountyKpiView, KpiQuery } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { maintenanceQueryKey } from './get-work-orders';

/** The county's roll-up over every enterprise: aggregates only, no enterprise's detail. */
export function getCountyKpis(query: Pick<KpiQuery, 'from' | 'to'>, signal?: AbortSignal): Promise<CountyKpiView> {
  return api.get<CountyKpiView>('/api/maintenance/kpis/county', { from: query.from, to: query.to }, signal);
}

export function useCountyKpis(query: Pick<KpiQuery, 'from' | 'to'>) {
  return useQuery({
    queryKey: [...maintenanceQueryKey, 'county-kpis', query],
    queryFn: ({ signal }) => getCountyKpis(query, signal),
    placeholderData: keepPreviousData,
  });
}
