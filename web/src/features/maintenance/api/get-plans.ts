import { useQuery } from '@tanstack/react-query';
import type { PlanView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { maintenanceQueryKey } from './get-work-orders';

export const plansQueryKey = [...maintenanceQueryKey, 'plans'] as const;

/** Each plan comes with its status (OK / WARNING / DUE / OVERDUE) worked out by the server. */
export function getPlans(signal?: AbortSignal): Promise<PlanView[]> {
  return api.get<PlanView[]>('/api/maintenance/plans', undefined, signal);
}

export function usePlans() {
  return useQuery({ queryKey: plansQueryKey, queryFn: ({ signal }) => getPlans(signal) });
}
