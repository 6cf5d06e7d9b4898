import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DepartmentBody, DepartmentView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { departmentsQueryKey } from '@/lib/lookups';

export function createDepartment(body: DepartmentBody): Promise<DepartmentView> {
  return api.post<DepartmentView>('/api/departments', body);
}

export function useCreateDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createDepartment,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: departmentsQueryKey }),
  });
}
