import { useQuery } from '@tanstack/react-query';
import type { DeviceDetailView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { devicesQueryKey } from './get-devices';

export const deviceDetailQueryKey = (id: string) => [...devicesQueryKey, 'detail', id] as const;

export function getDevice(id: string, signal?: AbortSignal): Promise<DeviceDetailView> {
  return api.get<DeviceDetailView>(`/api/telemetry/devices/${encodeURIComponent(id)}`, undefined, signal);
}

/** The device page's state and latest values, asked again every 2 s. */
export function useDevice(id: string) {
  return useQuery({
    queryKey: deviceDetailQueryKey(id),
    queryFn: ({ signal }) => getDevice(id, signal),
    refetchInterval: 2000,
  });
}
