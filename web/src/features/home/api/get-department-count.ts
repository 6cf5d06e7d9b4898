import { useQuery } from '@tanstack/react-query';
import type { DepartmentView } from '@tiantai/shared';
import { api } from '@/lib/api-client';

export function getDepartments(): Promise<DepartmentView[]> {
  return api.get<DepartmentView[]>('/api/departments');
}

/** Shares the departments page's cache entry (same key, same shape). */
export function useDepartmentCount(enabled = true) {
  return useQuery({
    queryKey: ['departments'],
    queryFn: getDepartments,
    select: (departments) => departments.length,
    enabled,
  });
}
