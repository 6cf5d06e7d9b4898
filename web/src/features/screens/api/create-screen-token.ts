import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateScreenTokenBody, CreatedScreenToken } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { screenTokensQueryKey } from './get-screen-tokens';

export function createScreenToken(body: CreateScreenTokenBody): Promise<CreatedScreenToken> {
  return api.post<CreatedScreenToken>('/api/screen-tokens', body);
}

export function useCreateScreenToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createScreenToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: screenTokensQueryKey }),
  });
}
