import { useQuery } from '@tanstack/react-query';
import type { ScreenTokenView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { screensQueryKey } from './get-plant-screen';

export const screenTokensQueryKey = [...screensQueryKey, 'tokens'] as const;

export function getScreenTokens(signal?: AbortSignal): Promise<ScreenTokenView[]> {
  return api.get<ScreenTokenView[]>('/api/screen-tokens', undefined, signal);
}

export function useScreenTokens(enabled: boolean) {
  return useQuery({ queryKey: screenTokensQueryKey, queryFn: ({ signal }) => getScreenTokens(signal), enabled });
}
