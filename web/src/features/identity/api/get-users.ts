import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Paged, UserView } from '@tiantai/shared';
import { api } from '@/lib/api-client';

export interface UserFilter {
  q?: string;
  organisationId?: string;
  page: number;
  pageSize: number;
}

export const usersQueryKey = ['users'] as const;

export function getUsers(filter: UserFilter, signal?: AbortSignal): Promise<Paged<UserView>> {
  return api.get<Paged<UserView>>(
    '/api/users',
    { q: filter.q?.trim(), organisationId: filter.organisationId, page: filter.page, pageSize: filter.pageSize },
    signal,
  );
}

export function useUsers(filter: UserFilter) {
  return useQuery({
    queryKey: [...usersQueryKey, 'list', filter],
    queryFn: ({ signal }) => getUsers(filter, signal),
    placeholderData: keepPreviousData,
  });
}
