import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateUserBody, UserView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { usersQueryKey } from './get-users';

export function createUser(body: CreateUserBody): Promise<UserView> {
  return api.post<UserView>('/api/users', body);
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}
