import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PlanUpdateBody, PlanView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { plansQueryKey } from './get-plans';

export function updatePlan(id: string, body: PlanUpdateBody): Promise<PlanView> {
  return api.patch<PlanView>(`/api/maintenance/plans/${encodeURIComponent(id)}`, body);
}

export function useUpdatePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: PlanUpdateBody }) => updatePlan(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: plansQueryKey }),
  });
}
