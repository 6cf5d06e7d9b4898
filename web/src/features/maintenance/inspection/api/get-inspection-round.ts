import { useQuery } from '@tanstack/react-query';
import type { InspectionRoundDetailView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { inspectionRoundsQueryKey } from './get-inspection-rounds';

export const inspectionRoundQueryKey = (id: string) => [...inspectionRoundsQueryKey, id] as const;

export function getInspectionRound(id: string, signal?: AbortSignal): Promise<InspectionRoundDetailView> {
  return api.get<InspectionRoundDetailView>(`/api/inspection/rounds/${encodeURIComponent(id)}`, undefined, signal);
}

export function useInspectionRound(id: string | undefined) {
  return useQuery({
    queryKey: inspectionRoundQueryKey(id ?? ''),
    queryFn: ({ signal }) => getInspectionRound(id ?? '', signal),
    enabled: id !== undefined,
  });
}
