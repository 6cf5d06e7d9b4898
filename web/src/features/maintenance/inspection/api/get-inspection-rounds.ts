import { useQuery } from '@tanstack/react-query';
import type { InspectionRoundView, Paged } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { inspectionQueryKey } from './get-inspection-routes';

export const inspectionRoundsQueryKey = [...inspectionQueryKey, 'rounds'] as const;

/** The caller's own unfinished rounds, newest first: the ones a scan may check in to. */
export function getMyOpenRounds(signal?: AbortSignal): Promise<Paged<InspectionRoundView>> {
  return api.get<Paged<InspectionRoundView>>('/api/inspection/rounds', { mine: true, open: true, page: 1, pageSize: 50 }, signal);
}

/** The rounds the user started and has not finished (keyed by user, as the server filters by the session). */
export function useMyOpenRounds(userId: string) {
  return useQuery({
    queryKey: [...inspectionRoundsQueryKey, 'list', 'mine-open', userId],
    queryFn: ({ signal }) => getMyOpenRounds(signal),
    select: (page) => page.items,
  });
}
