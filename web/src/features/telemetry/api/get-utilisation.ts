import { useQuery } from '@tanstack/react-query';
import type { UtilisationView } from '@tiantai/shared';
import dayjs from 'dayjs';
import { api } from '@/lib/api-client';
import { devicesQueryKey } from './get-devices';

export function getUtilisation(deviceId: string, from: number, to: number, signal?: AbortSignal): Promise<UtilisationView> {
  return api.get<UtilisationView>(`/api/telemetry/devices/${encodeURIComponent(deviceId)}/utilisation`, { from, to }, signal);
}

/** Today so far (from local midnight to now), asked again every 10 s. */
export function useUtilisationToday(deviceId: string) {
  const day = dayjs().format('YYYY-MM-DD');
  return useQuery({
    queryKey: [...devicesQueryKey, 'utilisation', deviceId, day],
    queryFn: ({ signal }) => getUtilisation(deviceId, dayjs().startOf('day').valueOf(), Date.now(), signal),
    refetchInterval: 10_000,
  });
}
