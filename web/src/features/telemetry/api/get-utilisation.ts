import { useQuery } from '@tanstack/react-query';
import { countyDayStart, type UtilisationView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { countyTimeZone, countyToday } from '@/lib/format';
import { devicesQueryKey } from './get-devices';

export function getUtilisation(deviceId: string, from: number, to: number, signal?: AbortSignal): Promise<UtilisationView> {
  return api.get<UtilisationView>(`/api/telemetry/devices/${encodeURIComponent(deviceId)}/utilisation`, { from, to }, signal);
}

/** Today so far (from the county's midnight to now), asked again every 10 s. */
export function useUtilisationToday(deviceId: string) {
  const day = countyToday();
  return useQuery({
    queryKey: [...devicesQueryKey, 'utilisation', deviceId, day],
    queryFn: ({ signal }) => getUtilisation(deviceId, countyDayStart(day, countyTimeZone()).getTime(), Date.now(), signal),
    refetchInterval: 10_000,
  });
}
