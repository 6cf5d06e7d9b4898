import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SeriesResolution, SeriesView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { devicesQueryKey } from './get-devices';

export interface SeriesRequest {
  deviceId: string;
  key: string;
  from: number;
  to: number;
  /** Left out, the server chooses by range: raw up to 6 h, minutes up to 7 days, hours beyond. */
  resolution?: SeriesResolution;
}

export function getSeries(request: SeriesRequest, signal?: AbortSignal): Promise<SeriesView> {
  return api.get<SeriesView>(
    `/api/telemetry/devices/${encodeURIComponent(request.deviceId)}/series`,
    { key: request.key, from: request.from, to: request.to, resolution: request.resolution },
    signal,
  );
}

/**
 * A metric over a sliding window ending now: the window is computed at each fetch, so the key holds the
 * span, not the instants, and a refetch moves the window along.
 */
export function useSeries({
  deviceId,
  key,
  spanMs,
  resolution,
  refetchInterval,
}: {
  deviceId: string;
  key: string | undefined;
  spanMs: number;
  resolution?: SeriesResolution;
  refetchInterval?: number;
}) {
  return useQuery({
    queryKey: [...devicesQueryKey, 'series', deviceId, key, spanMs, resolution ?? 'auto'],
    queryFn: ({ signal }) => {
      const to = Date.now();
      return getSeries({ deviceId, key: key ?? '', from: to - spanMs, to, resolution }, signal);
    },
    enabled: Boolean(key),
    placeholderData: keepPreviousData,
    refetchInterval,
  });
}
