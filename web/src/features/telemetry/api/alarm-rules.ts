import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlarmRuleBody, AlarmRuleView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { telemetryQueryKey } from './get-devices';

export const alarmRulesQueryKey = [...telemetryQueryKey, 'alarm-rules'] as const;

export function getAlarmRules(signal?: AbortSignal): Promise<AlarmRuleView[]> {
  return api.get<AlarmRuleView[]>('/api/telemetry/alarm-rules', undefined, signal);
}

export function useAlarmRules() {
  return useQuery({ queryKey: alarmRulesQueryKey, queryFn: ({ signal }) => getAlarmRules(signal) });
}

/** Creates a rule, or replaces an existing one's settings when an id is given. */
export function saveAlarmRule({ id, body }: { id?: string; body: AlarmRuleBody }): Promise<AlarmRuleView> {
  return id
    ? api.patch<AlarmRuleView>(`/api/telemetry/alarm-rules/${encodeURIComponent(id)}`, body)
    : api.post<AlarmRuleView>('/api/telemetry/alarm-rules', body);
}

export function useSaveAlarmRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveAlarmRule,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alarmRulesQueryKey }),
  });
}

export function deleteAlarmRule(id: string): Promise<void> {
  return api.delete(`/api/telemetry/alarm-rules/${encodeURIComponent(id)}`);
}

export function useDeleteAlarmRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAlarmRule,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alarmRulesQueryKey }),
  });
}
