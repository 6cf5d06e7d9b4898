import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { StatisticsQuery, StatisticsView } from '@tiantai/shared';
import { api, withQuery } from '@/lib/api-client';
import { requestsQueryKey } from './get-requests';

export type StatisticsGroupBy = StatisticsQuery['groupBy'];

export function getStatistics(query: StatisticsQuery, signal?: AbortSignal): Promise<StatisticsView> {
  return api.get<StatisticsView>('/api/service-requests/statistics', { ...query }, signal);
}

/** The same figures as an Excel workbook, for a plain download link. */
export function statisticsExportUrl(query: StatisticsQuery): string {
  return withQuery('/api/service-requests/statistics.xlsx', { ...query });
}

export function useStatistics(query: StatisticsQuery) {
  return useQuery({
    queryKey: [...requestsQueryKey, 'statistics', query],
    queryFn: ({ signal }) => getStatistics(query, signal),
    placeholderData: keepPreviousData,
  });
}
