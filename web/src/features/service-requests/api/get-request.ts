import { useQuery } from '@tanstack/react-query';
import type { RequestDetailView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { requestsQueryKey } from './get-requests';

export const requestDetailQueryKey = (id: string) => [...requestsQueryKey, 'detail', id] as const;

export function getRequest(id: string, signal?: AbortSignal): Promise<RequestDetailView> {
  return api.get<RequestDetailView>(`/api/service-requests/${encodeURIComponent(id)}`, undefined, signal);
}

export function useRequest(id: string) {
  return useQuery({ queryKey: requestDetailQueryKey(id), queryFn: ({ signal }) => getRequest(id, signal) });
}
