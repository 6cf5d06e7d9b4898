import { useQuery } from '@tanstack/react-query';
import type { PlanView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { assetDetailQueryKey } from './get-asset';

export const assetPlansQueryKey = (assetId: string) => [...assetDetailQueryKey(assetId), 'plans'] as const;

/** The asset's maintenance plans; each carries its status (OK / WARNING / DUE / OVERDUE) worked out by the server. */
export function getAssetPlans(assetId: string, signal?: AbortSignal): Promise<PlanView[]> {
  return api.get<PlanView[]>('/api/maintenance/plans', { assetId }, signal);
}

export function useAssetPlans(assetId: string, enabled = true) {
  return useQuery({
    queryKey: assetPlansQueryKey(assetId),
    queryFn: ({ signal }) => getAssetPlans(assetId, signal),
    enabled,
  });
}
