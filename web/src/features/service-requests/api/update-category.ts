import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CategoryUpdateBody, CategoryView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { categoriesQueryKey } from './get-categories';

export function updateCategory(code: string, body: CategoryUpdateBody): Promise<CategoryView> {
  return api.patch<CategoryView>(`/api/service-requests/categories/${encodeURIComponent(code)}`, body);
}

export function useUpdateCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: CategoryUpdateBody }) => updateCategory(code, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: categoriesQueryKey }),
  });
}
