import { useQuery } from '@tanstack/react-query';
import type { ApiTokenView } from '@tiantai/shared';
import { api } from '@/lib/api-client';

export const apiTokensQueryKey = ['api-tokens'] as const;

export function getApiTokens(): Promise<ApiTokenView[]> {
  return api.get<ApiTokenView[]>('/api/api-tokens');
}

export function useApiTokens() {
  return useQuery({ queryKey: apiTokensQueryKey, queryFn: getApiTokens });
}
