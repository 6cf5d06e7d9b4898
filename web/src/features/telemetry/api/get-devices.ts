import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DeviceView, MachineState } from '@tiantai/shared';
import { api } from '@/lib/api-client';

/** Everything read from the telemetry module (devices, series, alarms, rules) lives under this key. */
export const telemetryQueryKey = ['telemetry'] as const;
export const devicesQueryKey = [...telemetryQueryKey, 'devices'] as const;

/** How often live screens ask again: machine state changes within seconds, so the list follows it. */
export const LIVE_REFRESH_MS = 2500;

export interface DeviceFilter {
  q?: string;
  state?: MachineState;
  assetId?: string;
}

export function getDevices(filter: DeviceFilter, signal?: AbortSignal): Promise<DeviceView[]> {
  return api.get<DeviceView[]>('/api/telemetry/devices', { q: filter.q?.trim(), state: filter.state, assetId: filter.assetId }, signal);
}

export function useDevices(filter: DeviceFilter) {
  return useQuery({
    queryKey: [...devicesQueryKey, 'list', filter],
    queryFn: ({ signal }) => getDevices(filter, signal),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_REFRESH_MS,
  });
}
