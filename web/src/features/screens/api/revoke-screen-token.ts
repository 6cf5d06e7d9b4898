import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { screenTokensQueryKey } from './get-screen-tokens';

export function revokeScreenToken(id: string): Promise<void> {
  return api.delete(`/api/screen-tokens/${encodeURIComponent(id)}`);
}

export function useRevokeScreenToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeScreenToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: screenTokensQueryKey }),
  });
}
