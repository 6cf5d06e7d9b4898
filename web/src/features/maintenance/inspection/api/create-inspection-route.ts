import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InspectionRouteBody, InspectionRouteDetailView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { inspectionRouteQueryKey } from './get-inspection-route';
import { inspectionQueryKey } from './get-inspection-routes';

export function createInspectionRoute(body: InspectionRouteBody): Promise<InspectionRouteDetailView> {
  return api.post<InspectionRouteDetailView>('/api/inspection/routes', body);
}

export function useCreateInspectionRoute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createInspectionRoute,
    onSuccess: async (created) => {
      queryClient.setQueryData(inspectionRouteQueryKey(created.id), created);
      await queryClient.invalidateQueries({ queryKey: [...inspectionQueryKey, 'routes'], exact: true });
    },
  });
}
