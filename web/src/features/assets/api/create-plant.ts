import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PlantBody, PlantView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { plantsQueryKey } from './get-plants';

export function createPlant(body: PlantBody): Promise<PlantView> {
  return api.post<PlantView>('/api/plants', body);
}

export function useCreatePlant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPlant,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: plantsQueryKey }),
  });
}
