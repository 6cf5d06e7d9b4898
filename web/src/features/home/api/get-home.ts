import { useQuery } from '@tanstack/react-query';
import type { HomeView } from '@tiantai/shared';
import { api } from '@/lib/api-client';

export const homeQueryKey = ['home'] as const;

/** The signed-in person's own work, by role (GET /api/home). */
export function getHome(signal?: AbortSignal): Promise<HomeView> {
  return api.get<HomeView>('/api/home', undefined, signal);
}

/**
 * Read afresh each time the home is opened (the work behind it changes on other pages), and every minute
 * while it stays open: SLA colours and due times move with the clock.
 */
export function useHome() {
  return useQuery({ queryKey: homeQueryKey, queryFn: ({ signal }) => getHome(signal), staleTime: 0, refetchInterval: 60_000 });
}
