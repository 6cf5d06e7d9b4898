import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InspectionCheckInView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { inspectionRoundsQueryKey } from './get-inspection-rounds';

/** Scanning a point's label: the server opens its items in the round, or answers 404 for a token off the route. */
export function checkInPoint(roundId: string, qrToken: string): Promise<InspectionCheckInView> {
  return api.post<InspectionCheckInView>(`/api/inspection/rounds/${encodeURIComponent(roundId)}/check-in`, { qrToken });
}

export function useCheckInPoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ roundId, qrToken }: { roundId: string; qrToken: string }) => checkInPoint(roundId, qrToken),
    // Points checked changes the round's progress.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inspectionRoundsQueryKey }),
  });
}
