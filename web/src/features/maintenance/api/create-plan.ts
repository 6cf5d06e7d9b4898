import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PlanBody, PlanView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { plansQueryKey } from './get-plans';

export function createPlan(body: PlanBody): Promise<PlanView> {
  return api.post<PlanView>('/api/maintenance/plans', body);
}

export function useCreatePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPlan,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: plansQueryKey }),
  });
}
