import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { KpiQuery, KpiView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { maintenanceQueryKey } from './get-work-orders';

export const kpisQueryKey = [...maintenanceQueryKey, 'kpis'] as const;

export function getKpis(query: KpiQuery, signal?: AbortSignal): Promise<KpiView> {
  return api.get<KpiView>('/api/maintenance/kpis', { from: query.from, to: query.to, groupBy: query.groupBy }, signal);
}

export function useKpis(query: KpiQuery) {
  return useQuery({
    queryKey: [...kpisQueryKey, query],
    queryFn: ({ signal }) => getKpis(query, signal),
    placeholderData: keepPreviousData,
  });
}
