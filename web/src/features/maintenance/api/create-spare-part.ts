import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SparePartBody, SparePartView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { sparePartsQueryKey } from './get-spare-parts';

export function createSparePart(body: SparePartBody): Promise<SparePartView> {
  return api.post<SparePartView>('/api/spare-parts', body);
}

export function useCreateSparePart() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSparePart,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sparePartsQueryKey }),
  });
}
