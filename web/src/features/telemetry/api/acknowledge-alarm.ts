import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AlarmView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { alarmsQueryKey } from './get-alarms';

export function acknowledgeAlarm(id: string): Promise<AlarmView> {
  return api.post<AlarmView>(`/api/telemetry/alarms/${encodeURIComponent(id)}/acknowledge`);
}

export function useAcknowledgeAlarm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acknowledgeAlarm,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alarmsQueryKey }),
  });
}
