import { useQuery } from '@tanstack/react-query';
import type { InspectionRouteDetailView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { inspectionQueryKey } from './get-inspection-routes';

export const inspectionRouteQueryKey = (id: string) => [...inspectionQueryKey, 'routes', id] as const;

export function getInspectionRoute(id: string, signal?: AbortSignal): Promise<InspectionRouteDetailView> {
  return api.get<InspectionRouteDetailView>(`/api/inspection/routes/${encodeURIComponent(id)}`, undefined, signal);
}

/** The route with its points and check items; off while no route is chosen. */
export function useInspectionRoute(id: string | undefined) {
  return useQuery({
    queryKey: inspectionRouteQueryKey(id ?? ''),
    queryFn: ({ signal }) => getInspectionRoute(id ?? '', signal),
    enabled: id !== undefined,
  });
}
