import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InspectionPointBody, InspectionRouteDetailView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { inspectionRouteQueryKey } from './get-inspection-route';
import { inspectionQueryKey } from './get-inspection-routes';

export function addInspectionPoint(routeId: string, body: InspectionPointBody): Promise<InspectionRouteDetailView> {
  return api.post<InspectionRouteDetailView>(`/api/inspection/routes/${encodeURIComponent(routeId)}/points`, body);
}

export function useAddInspectionPoint(routeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InspectionPointBody) => addInspectionPoint(routeId, body),
    onSuccess: async (route) => {
      queryClient.setQueryData(inspectionRouteQueryKey(route.id), route);
      // The list shows each route's point count.
      await queryClient.invalidateQueries({ queryKey: [...inspectionQueryKey, 'routes'], exact: true });
    },
  });
}
