import { useQuery } from '@tanstack/react-query';
import type { DepartmentView } from '@tiantai/shared';
import { api } from '@/lib/api-client';

export const departmentsQueryKey = ['departments'] as const;

export function getDepartments(): Promise<DepartmentView[]> {
  return api.get<DepartmentView[]>('/api/departments');
}

export function useDepartments() {
  return useQuery({ queryKey: departmentsQueryKey, queryFn: getDepartments });
}
