import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AlarmStatus, AlarmView, Paged } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { LIVE_REFRESH_MS, telemetryQueryKey } from './get-devices';

export const alarmsQueryKey = [...telemetryQueryKey, 'alarms'] as const;

export interface AlarmFilter {
  status?: AlarmStatus;
  deviceId?: string;
  page?: number;
  pageSize?: number;
}

export function getAlarms(filter: AlarmFilter, signal?: AbortSignal): Promise<Paged<AlarmView>> {
  return api.get<Paged<AlarmView>>(
    '/api/telemetry/alarms',
    { status: filter.status, deviceId: filter.deviceId, page: filter.page ?? 1, pageSize: filter.pageSize ?? 20 },
    signal,
  );
}

/** Alarms are raised by incoming data, so the list follows them without a reload. */
export function useAlarms(filter: AlarmFilter) {
  return useQuery({
    queryKey: [...alarmsQueryKey, 'list', filter],
    queryFn: ({ signal }) => getAlarms(filter, signal),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_REFRESH_MS,
  });
}
