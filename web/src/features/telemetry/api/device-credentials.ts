import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeviceCredentialsView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { devicesQueryKey } from './get-devices';

const credentialsQueryKey = (id: string) => [...devicesQueryKey, 'credentials', id] as const;

export function getCredentials(id: string, signal?: AbortSignal): Promise<DeviceCredentialsView> {
  return api.get<DeviceCredentialsView>(`/api/telemetry/devices/${encodeURIComponent(id)}/credentials`, undefined, signal);
}

/** Only the enterprise admin reads a device's token, and only when asked to show it. */
export function useCredentials(id: string, enabled: boolean) {
  return useQuery({ queryKey: credentialsQueryKey(id), queryFn: ({ signal }) => getCredentials(id, signal), enabled });
}

export function rotateToken(id: string): Promise<DeviceCredentialsView> {
  return api.post<DeviceCredentialsView>(`/api/telemetry/devices/${encodeURIComponent(id)}/rotate-token`);
}

export function useRotateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rotateToken,
    onSuccess: (credentials, id) => queryClient.setQueryData(credentialsQueryKey(id), credentials),
  });
}
