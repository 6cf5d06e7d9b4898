import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UpdateUserBody, UserView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { usersQueryKey } from './get-users';

export function updateUser(id: string, body: UpdateUserBody): Promise<UserView> {
  return api.patch<UserView>(`/api/users/${encodeURIComponent(id)}`, body);
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUserBody }) => updateUser(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}
