import { useQuery } from '@tanstack/react-query';
import type { InspectionRoundView, Paged } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { inspectionQueryKey } from './get-inspection-routes';

export const inspectionRoundsQueryKey = [...inspectionQueryKey, 'rounds'] as const;

/** The enterprise's latest rounds, newest first; a technician works through a few at a time. */
export function getInspectionRounds(signal?: AbortSignal): Promise<Paged<InspectionRoundView>> {
  return api.get<Paged<InspectionRoundView>>('/api/inspection/rounds', { page: 1, pageSize: 200 }, signal);
}

/** The rounds the user started and has not finished: the ones a scan may check in to. */
export function useMyOpenRounds(userId: string) {
  return useQuery({
    queryKey: [...inspectionRoundsQueryKey, 'list'],
    queryFn: ({ signal }) => getInspectionRounds(signal),
    select: (page) => page.items.filter((round) => round.finishedAt === null && round.startedBy === userId),
  });
}
