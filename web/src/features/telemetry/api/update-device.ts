import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DeviceDetailView, DeviceUpdateBody } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { deviceDetailQueryKey } from './get-device';
import { devicesQueryKey } from './get-devices';

export function updateDevice({ id, body }: { id: string; body: DeviceUpdateBody }): Promise<DeviceDetailView> {
  return api.patch<DeviceDetailView>(`/api/telemetry/devices/${encodeURIComponent(id)}`, body);
}

export function useUpdateDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateDevice,
    onSuccess: async (updated) => {
      queryClient.setQueryData(deviceDetailQueryKey(updated.id), updated);
      await queryClient.invalidateQueries({ queryKey: [...devicesQueryKey, 'list'] });
    },
  });
}
