import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginBody, SessionView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { sessionQueryKey } from './get-session';

export function login(body: LoginBody): Promise<SessionView> {
  return api.post<SessionView>('/api/auth/login', body);
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
