import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EnterpriseBody, EnterpriseSaved } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { enterprisesQueryKey } from './get-enterprises';

export function createEnterprise(body: EnterpriseBody): Promise<EnterpriseSaved> {
  return api.post<EnterpriseSaved>('/api/enterprises', body);
}

export function useCreateEnterprise() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createEnterprise,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: enterprisesQueryKey });
      // Parks count their enterprises.
      await queryClient.invalidateQueries({ queryKey: ['parks'] });
    },
  });
}
