import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateRequestBody, RequestDetailView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { requestsQueryKey } from './get-requests';

export function createRequest(body: CreateRequestBody): Promise<RequestDetailView> {
  return api.post<RequestDetailView>('/api/service-requests', body);
}

export function useCreateRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createRequest,
    onSuccess: async (created) => {
      queryClient.setQueryData([...requestsQueryKey, 'detail', created.id], created);
      await queryClient.invalidateQueries({ queryKey: [...requestsQueryKey, 'list'] });
    },
  });
}
