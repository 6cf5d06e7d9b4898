import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  InspectionPointOrderBody,
  InspectionPointUpdateBody,
  InspectionRouteDetailView,
  InspectionRouteUpdateBody,
} from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { inspectionRouteQueryKey } from './get-inspection-route';
import { inspectionQueryKey } from './get-inspection-routes';

// The enterprise admin's edits of a route: its name and state, its points' order, a point's fields and items,
// removing a point. Each answers the whole route, which replaces the cached one.

export const updateInspectionRoute = (id: string, body: InspectionRouteUpdateBody) =>
  api.patch<InspectionRouteDetailView>(`/api/inspection/routes/${encodeURIComponent(id)}`, body);
export const reorderInspectionPoints = (routeId: string, body: InspectionPointOrderBody) =>
  api.put<InspectionRouteDetailView>(`/api/inspection/routes/${encodeURIComponent(routeId)}/point-order`, body);
export const updateInspectionPoint = (pointId: string, body: InspectionPointUpdateBody) =>
  api.patch<InspectionRouteDetailView>(`/api/inspection/points/${encodeURIComponent(pointId)}`, body);
export const deleteInspectionPoint = (pointId: string) =>
  api.delete<InspectionRouteDetailView>(`/api/inspection/points/${encodeURIComponent(pointId)}`);

function useRouteEdit<T>(send: (input: T) => Promise<InspectionRouteDetailView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (route) => {
      queryClient.setQueryData(inspectionRouteQueryKey(route.id), route);
      // The list shows each route's name, state and point count.
      await queryClient.invalidateQueries({ queryKey: [...inspectionQueryKey, 'routes'], exact: true });
    },
  });
}

export const useUpdateInspectionRoute = (id: string) => useRouteEdit((body: InspectionRouteUpdateBody) => updateInspectionRoute(id, body));
export const useReorderInspectionPoints = (routeId: string) =>
  useRouteEdit((pointIds: string[]) => reorderInspectionPoints(routeId, { pointIds }));
export const useUpdateInspectionPoint = (pointId: string) =>
  useRouteEdit((body: InspectionPointUpdateBody) => updateInspectionPoint(pointId, body));
export const useDeleteInspectionPoint = () => useRouteEdit((pointId: string) => deleteInspectionPoint(pointId));
