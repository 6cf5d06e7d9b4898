import { useQuery } from '@tanstack/react-query';
import type { CountyScreenView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { screensQueryKey } from './get-plant-screen';

export function getCountyScreen(token: string | undefined, signal?: AbortSignal): Promise<CountyScreenView> {
  return api.get<CountyScreenView>('/api/screens/county', { token }, signal);
}

export function countyScreenQueryKey(token: string | undefined) {
  return [...screensQueryKey, 'county', token ?? null] as const;
}

export function useCountyScreen(token: string | undefined) {
  return useQuery({
    queryKey: countyScreenQueryKey(token),
    queryFn: ({ signal }) => getCountyScreen(token, signal),
    staleTime: Infinity,
    retry: 2,
  });
}
