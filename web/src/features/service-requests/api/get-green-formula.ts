import { useQuery } from '@tanstack/react-query';
import type { GreenRateFormula } from '@tiantai/shared';
import { api } from '@/lib/api-client';

export type GreenFormula = GreenRateFormula;

export const greenFormulaQueryKey = ['green-formula'] as const;

export function getGreenFormula(): Promise<GreenFormula> {
  return api.get<GreenFormula>('/api/service-requests/green-formula');
}

export function useGreenFormula() {
  return useQuery({ queryKey: greenFormulaQueryKey, queryFn: getGreenFormula });
}
