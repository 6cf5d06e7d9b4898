import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginBody, SessionView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { setCountyTimeZone } from '@/lib/format';
import { sessionQueryKey } from './get-session';

export async function login(body: LoginBody): Promise<SessionView> {
  const session = await api.post<SessionView>('/api/auth/login', body);
  setCountyTimeZone(session.timeZone);
  return session;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (session) => {
      // Nothing cached for a previous user may leak into this one's screens.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
      queryClient.setQueryData(sessionQueryKey, session);
    },
  });
}
