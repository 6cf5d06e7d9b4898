import { useQuery } from '@tanstack/react-query';
import type { Rating } from '@tiantai/shared';
import { api } from '@/lib/api-client';

/** Which closed requests count as 绿码办结. The server defines this shape; shared/ does not export it yet. */
export interface GreenFormula {
  ratings: Rating[];
  requireOnTime: boolean;
}

export const greenFormulaQueryKey = ['green-formula'] as const;

export function getGreenFormula(): Promise<GreenFormula> {
  return api.get<GreenFormula>('/api/service-requests/green-formula');
}

export function useGreenFormula() {
  return useQuery({ queryKey: greenFormulaQueryKey, queryFn: getGreenFormula });
}
