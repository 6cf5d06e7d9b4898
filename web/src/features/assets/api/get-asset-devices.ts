import { useQuery } from '@tanstack/react-query';
import type { DeviceView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { assetDetailQueryKey } from './get-asset';

/** The devices (PLCs, meters) that send this machine's data, with their live state. */
export function useAssetDevices(assetId: string, enabled = true) {
  return useQuery({
    queryKey: [...assetDetailQueryKey(assetId), 'devices'] as const,
    queryFn: ({ signal }) => api.get<DeviceView[]>('/api/telemetry/devices', { assetId }, signal),
    enabled,
    refetchInterval: 5_000,
  });
}
