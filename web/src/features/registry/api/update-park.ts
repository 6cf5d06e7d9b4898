import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ParkBody, ParkView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { parksQueryKey } from './get-parks';

export function updatePark(id: string, body: Partial<ParkBody>): Promise<ParkView> {
  return api.patch<ParkView>(`/api/parks/${encodeURIComponent(id)}`, body);
}

export function useUpdatePark() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Partial<ParkBody> }) => updatePark(id, body),
    // Enterprise rows carry the park's name, so they refresh too.
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: parksQueryKey });
      await queryClient.invalidateQueries({ queryKey: ['enterprises'] });
    },
  });
}
