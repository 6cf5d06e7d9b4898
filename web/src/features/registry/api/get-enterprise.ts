import { useQuery } from '@tanstack/react-query';
import type { EnterpriseView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { enterprisesQueryKey } from './get-enterprises';

export function getEnterprise(id: string): Promise<EnterpriseView> {
  return api.get<EnterpriseView>(`/api/enterprises/${encodeURIComponent(id)}`);
}

export function useEnterprise(id: string) {
  return useQuery({ queryKey: [...enterprisesQueryKey, 'detail', id], queryFn: () => getEnterprise(id) });
}
