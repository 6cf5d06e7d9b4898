import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LineBody, LineView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { linesQueryKey } from './get-lines';

export function createLine(body: LineBody): Promise<LineView> {
  return api.post<LineView>('/api/lines', body);
}

export function useCreateLine() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createLine,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: linesQueryKey }),
  });
}
