import { useMutation } from '@tanstack/react-query';
import type { ChangePasswordBody } from '@tiantai/shared';
import { api } from '@/lib/api-client';

export function changePassword(body: ChangePasswordBody): Promise<void> {
  return api.post('/api/auth/password', body);
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
