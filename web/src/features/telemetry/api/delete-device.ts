import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { deviceDetailQueryKey } from './get-device';
import { devicesQueryKey } from './get-devices';

export function deleteDevice(id: string): Promise<void> {
  return api.delete(`/api/telemetry/devices/${encodeURIComponent(id)}`);
}

export function useDeleteDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteDevice,
    onSuccess: async (_, id) => {
      queryClient.removeQueries({ queryKey: deviceDetailQueryKey(id) });
      await queryClient.invalidateQueries({ queryKey: [...devicesQueryKey, 'list'] });
    },
  });
}
