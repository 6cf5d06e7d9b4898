import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DeviceBody, DeviceCredentialsView, DeviceDetailView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { deviceDetailQueryKey } from './get-device';
import { devicesQueryKey } from './get-devices';

export interface CreatedDevice {
  device: DeviceDetailView;
  credentials: DeviceCredentialsView;
}

export function createDevice(body: DeviceBody): Promise<CreatedDevice> {
  return api.post<CreatedDevice>('/api/telemetry/devices', body);
}

export function useCreateDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createDevice,
    onSuccess: async (created) => {
      queryClient.setQueryData(deviceDetailQueryKey(created.device.id), created.device);
      await queryClient.invalidateQueries({ queryKey: [...devicesQueryKey, 'list'] });
    },
  });
}
