import { useQuery } from '@tanstack/react-query';
import type { SessionView } from '@tiantai/shared';
import { api, isApiError } from '@/lib/api-client';
import { setCountyTimeZone } from '@/lib/format';

export const sessionQueryKey = ['auth', 'session'] as const;

/**
 * The current session, or null when nobody is signed in (the server answers 401). Its county time zone is the
 * one every page shows times in: set here, before the signed-in app renders.
 */
export async function getSession(): Promise<SessionView | null> {
  try {
    const session = await api.get<SessionView>('/api/auth/session');
    setCountyTimeZone(session.timeZone);
    return session;
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: sessionQueryKey, queryFn: getSession, staleTime: Infinity, retry: 1 });
}
