import { useQuery } from '@tanstack/react-query';
import type { InspectionRouteView } from '@tiantai/shared';
import { api } from '@/lib/api-client';

/** Everything read from inspection (routes, rounds) lives under this key. */
export const inspectionQueryKey = ['inspection'] as const;

export function getInspectionRoutes(signal?: AbortSignal): Promise<InspectionRouteView[]> {
  return api.get<InspectionRouteView[]>('/api/inspection/routes', undefined, signal);
}

export function useInspectionRoutes() {
  return useQuery({
    queryKey: [...inspectionQueryKey, 'routes'],
    queryFn: ({ signal }) => getInspectionRoutes(signal),
  });
}
