import { useQuery } from '@tanstack/react-query';
import type { Paged, UserView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { maintenanceQueryKey } from './get-work-orders';

/** The enterprise's active users, whom its admin may assign a work order to. */
export function getTechnicians(organisationId: string, signal?: AbortSignal): Promise<UserView[]> {
  return api
    .get<Paged<UserView>>('/api/users', { organisationId, page: 1, pageSize: 200 }, signal)
    .then((page) => page.items.filter((user) => user.active));
}

export function useTechnicians(organisationId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...maintenanceQueryKey, 'technicians', organisationId],
    queryFn: ({ signal }) => getTechnicians(organisationId, signal),
    enabled,
  });
}
