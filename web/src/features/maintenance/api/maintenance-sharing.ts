import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MaintenanceSharingBody, MaintenanceSharingView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { maintenanceQueryKey } from './get-work-orders';

export const sharingQueryKey = [...maintenanceQueryKey, 'sharing'] as const;

/** Whether the caller's enterprise shows the county its maintenance figures. */
export function getSharing(signal?: AbortSignal): Promise<MaintenanceSharingView> {
  return api.get<MaintenanceSharingView>('/api/maintenance/sharing', undefined, signal);
}

export function setSharing(body: MaintenanceSharingBody): Promise<MaintenanceSharingView> {
  return api.put<MaintenanceSharingView>('/api/maintenance/sharing', body);
}

export function useSharing() {
  return useQuery({ queryKey: sharingQueryKey, queryFn: ({ signal }) => getSharing(signal) });
}

/** The enterprise admin opts in to (or out of) sharing. */
export function useSetSharing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setSharing,
    onSuccess: (view) => queryClient.setQueryData(sharingQueryKey, view),
  });
}
