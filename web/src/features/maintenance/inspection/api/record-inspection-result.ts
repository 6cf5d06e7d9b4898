import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InspectionResultBody, InspectionRoundDetailView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { inspectionRoundQueryKey } from './get-inspection-round';
import { inspectionRoundsQueryKey } from './get-inspection-rounds';

export function recordInspectionResult(roundId: string, body: InspectionResultBody): Promise<InspectionRoundDetailView> {
  return api.post<InspectionRoundDetailView>(`/api/inspection/rounds/${encodeURIComponent(roundId)}/results`, body);
}

/** Records one item; the answer is the round, including the repair order a failed item opened. */
export function useRecordInspectionResult(roundId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InspectionResultBody) => recordInspectionResult(roundId, body),
    onSuccess: (round) => {
      queryClient.setQueryData(inspectionRoundQueryKey(round.id), round);
      // Not awaited: the item's buttons come back as soon as its result is in; the list catches up behind.
      void queryClient.invalidateQueries({ queryKey: [...inspectionRoundsQueryKey, 'list'] });
    },
  });
}
