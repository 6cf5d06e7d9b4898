// Directories many pages pick from, fetched and cached in one place: one query key and one type each, so a
// change made on one page (a department renamed in the register) shows on every other.
import { useQuery } from '@tanstack/react-query';
import type { DepartmentView } from '@tiantai/shared';
import { api } from './api-client';

/** The county's departments; invalidate this key after changing one. */
export const departmentsQueryKey = ['departments'] as const;

const departmentsQuery = {
  queryKey: departmentsQueryKey,
  queryFn: ({ signal }: { signal: AbortSignal }) => api.get<DepartmentView[]>('/api/departments', undefined, signal),
  staleTime: 60_000,
};

/** The department directory (dispatch pickers, lead departments, task owners, the register). */
export function useDepartments(enabled = true) {
  return useQuery({ ...departmentsQuery, enabled });
}

/** How many departments there are, from the same cached list. */
export function useDepartmentCount(enabled = true) {
  return useQuery({ ...departmentsQuery, select: (departments: DepartmentView[]) => departments.length, enabled });
}
