import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SparePartView, StockAdjustBody } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { sparePartsQueryKey } from './get-spare-parts';

/** A stock movement: positive for goods received, negative for a count correction. */
export function adjustStock(id: string, body: StockAdjustBody): Promise<SparePartView> {
  return api.post<SparePartView>(`/api/spare-parts/${encodeURIComponent(id)}/adjust`, body);
}

export function useAdjustStock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: StockAdjustBody }) => adjustStock(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sparePartsQueryKey }),
  });
}
