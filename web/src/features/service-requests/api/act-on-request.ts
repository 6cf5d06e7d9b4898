import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ActionBody, RequestDetailView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { requestDetailQueryKey } from './get-request';
import { requestsQueryKey } from './get-requests';

type Loosen<B> = B extends { action: 'dispatch' } ? Omit<B, 'coDepartmentIds'> & { coDepartmentIds?: string[] } : B;
/** The body as a form sends it: `coDepartmentIds` may be left out (the server defaults it to none). */
export type ActionInput = Loosen<ActionBody>;

export function actOnRequest(id: string, body: ActionInput): Promise<RequestDetailView> {
  return api.post<RequestDetailView>(`/api/service-requests/${encodeURIComponent(id)}/actions`, body);
}

export function useActOnRequest(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ActionInput) => actOnRequest(id, body),
    onSuccess: async (updated) => {
      queryClient.setQueryData(requestDetailQueryKey(id), updated);
      // Lists, SLA counts and statistics all move with the request.
      await queryClient.invalidateQueries({ queryKey: requestsQueryKey, predicate: (query) => query.queryKey[1] !== 'detail' });
    },
    // INVALID_TRANSITION or CONFLICT: someone else moved the request; show what it is now.
    onError: () => queryClient.invalidateQueries({ queryKey: requestDetailQueryKey(id) }),
  });
}
