import { useQuery } from '@tanstack/react-query';
import type { SparePartView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { maintenanceQueryKey } from './get-work-orders';

export const sparePartsQueryKey = [...maintenanceQueryKey, 'spare-parts'] as const;

export function getSpareParts(signal?: AbortSignal): Promise<SparePartView[]> {
  return api.get<SparePartView[]>('/api/spare-parts', undefined, signal);
}

export function useSpareParts(enabled = true) {
  return useQuery({ queryKey: sparePartsQueryKey, queryFn: ({ signal }) => getSpareParts(signal), enabled });
}
