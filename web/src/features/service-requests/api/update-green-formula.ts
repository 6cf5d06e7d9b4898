import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { greenFormulaQueryKey } from './get-green-formula';
import type { GreenFormula } from './get-green-formula';
import { requestsQueryKey } from './get-requests';

export function updateGreenFormula(formula: GreenFormula): Promise<GreenFormula> {
  return api.put<GreenFormula>('/api/service-requests/green-formula', formula);
}

export function useUpdateGreenFormula() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateGreenFormula,
    onSuccess: async (saved) => {
      queryClient.setQueryData(greenFormulaQueryKey, saved);
      // The green rate is computed with the formula.
      await queryClient.invalidateQueries({ queryKey: [...requestsQueryKey, 'statistics'] });
    },
  });
}
