import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Paged, RequestStatus, RequestView, SlaColour } from '@tiantai/shared';
import { api } from '@/lib/api-client';

export interface RequestFilter {
  status?: RequestStatus;
  /** Only requests not yet closed or rejected. */
  open?: boolean;
  categoryCode?: string;
  departmentId?: string;
  q?: string;
  sla?: SlaColour;
  page: number;
  pageSize: number;
}

/** Everything derived from requests (lists, details, counts, statistics) lives under this key. */
export const requestsQueryKey = ['service-requests'] as const;

export function getRequests(filter: RequestFilter, signal?: AbortSignal): Promise<Paged<RequestView>> {
  return api.get<Paged<RequestView>>(
    '/api/service-requests',
    {
      status: filter.status,
      open: filter.open ? 'true' : undefined,
      categoryCode: filter.categoryCode,
      departmentId: filter.departmentId,
      q: filter.q?.trim(),
      sla: filter.sla,
      page: filter.page,
      pageSize: filter.pageSize,
    },
    signal,
  );
}

export function useRequests(filter: RequestFilter) {
  return useQuery({
    queryKey: [...requestsQueryKey, 'list', filter],
    queryFn: ({ signal }) => getRequests(filter, signal),
    placeholderData: keepPreviousData,
  });
}

/** How many open requests in the user's scope show this SLA colour (one row asked for, the total read). */
export function useSlaCount(sla: SlaColour, enabled: boolean) {
  return useQuery({
    queryKey: [...requestsQueryKey, 'sla-count', sla],
    queryFn: ({ signal }) => getRequests({ sla, page: 1, pageSize: 1 }, signal).then((page) => page.total),
    enabled,
  });
}
