import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DepartmentBody, DepartmentView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { departmentsQueryKey } from '@/lib/lookups';

export function updateDepartment(id: string, body: Partial<DepartmentBody>): Promise<DepartmentView> {
  return api.patch<DepartmentView>(`/api/departments/${encodeURIComponent(id)}`, body);
}

export function useUpdateDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Partial<DepartmentBody> }) => updateDepartment(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: departmentsQueryKey }),
  });
}
