import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EnterpriseBody, EnterpriseSaved } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { enterprisesQueryKey } from './get-enterprises';

export function updateEnterprise(id: string, body: Partial<EnterpriseBody>): Promise<EnterpriseSaved> {
  return api.patch<EnterpriseSaved>(`/api/enterprises/${encodeURIComponent(id)}`, body);
}

export function useUpdateEnterprise() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Partial<EnterpriseBody> }) => updateEnterprise(id, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: enterprisesQueryKey });
      await queryClient.invalidateQueries({ queryKey: ['parks'] });
    },
  });
}
