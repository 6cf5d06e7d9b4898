import { useQuery } from '@tanstack/react-query';
import type { CountyScreenView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { setCountyTimeZone } from '@/lib/format';
import { screensQueryKey } from './get-plant-screen';

/** The county screen; its snapshot names the county's zone, which a kiosk display has no session to learn from. */
export async function getCountyScreen(token: string | undefined, signal?: AbortSignal): Promise<CountyScreenView> {
  const view = await api.get<CountyScreenView>('/api/screens/county', { token }, signal);
  setCountyTimeZone(view.timeZone);
  return view;
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
