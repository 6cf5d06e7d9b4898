import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateApiTokenBody, CreatedApiToken } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { apiTokensQueryKey } from './get-api-tokens';

/** The answer carries the secret (`token`); the server never shows it again. */
export function createApiToken(body: Pick<CreateApiTokenBody, 'name' | 'expiresAt' | 'scope'>): Promise<CreatedApiToken> {
  return api.post<CreatedApiToken>('/api/api-tokens', body);
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensQueryKey }),
  });
}
