import { useQuery } from '@tanstack/react-query';
import type { DepartmentView } from '@tiantai/shared';
import { api } from '@/lib/api-client';

// The department directory, for the dispatch picker and the categories' lead departments. Same key as the
// register's department list, so both pages share one cached copy.
export const departmentsQueryKey = ['departments'] as const;

export function getDepartments(): Promise<DepartmentView[]> {
  return api.get<DepartmentView[]>('/api/departments');
}

export function useDepartments(enabled = true) {
  return useQuery({ queryKey: departmentsQueryKey, queryFn: getDepartments, enabled });
}
