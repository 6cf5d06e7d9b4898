import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InspectionRoundDetailView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { inspectionRoundQueryKey } from './get-inspection-round';
import { inspectionRoundsQueryKey } from './get-inspection-rounds';

export function finishInspectionRound(roundId: string): Promise<InspectionRoundDetailView> {
  return api.post<InspectionRoundDetailView>(`/api/inspection/rounds/${encodeURIComponent(roundId)}/finish`);
}

export function useFinishInspectionRound() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: finishInspectionRound,
    onSuccess: async (round) => {
      queryClient.setQueryData(inspectionRoundQueryKey(round.id), round);
      await queryClient.invalidateQueries({ queryKey: [...inspectionRoundsQueryKey, 'list'] });
    },
  });
}
