import { useQuery } from '@tanstack/react-query';
import type { OrganisationKind, OrganisationView } from '@tiantai/shared';
import { api } from '@/lib/api-client';

/** Organisations the signed-in user may see (the server scopes the list), optionally of one kind. */
export function getOrganisations(kind?: OrganisationKind): Promise<OrganisationView[]> {
  return api.get<OrganisationView[]>('/api/organisations', { kind });
}

export function useOrganisations(kind?: OrganisationKind) {
  return useQuery({ queryKey: ['organisations', kind ?? 'all'], queryFn: () => getOrganisations(kind), staleTime: 60_000 });
}
