import { useQuery } from '@tanstack/react-query';
import type { CategoryView } from '@tiantai/shared';
import { api } from '@/lib/api-client';

export const categoriesQueryKey = ['service-categories'] as const;

export function getCategories(): Promise<CategoryView[]> {
  return api.get<CategoryView[]>('/api/service-requests/categories');
}

export function useCategories() {
  return useQuery({ queryKey: categoriesQueryKey, queryFn: getCategories, staleTime: 5 * 60_000 });
}
