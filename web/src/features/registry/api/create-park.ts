import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ParkBody, ParkView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { parksQueryKey } from './get-parks';

export function createPark(body: ParkBody): Promise<ParkView> {
  return api.post<ParkView>('/api/parks', body);
}

export function useCreatePark() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPark,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: parksQueryKey }),
  });
}
