import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEntryView, Paged } from '@tiantai/shared';
import { api } from '@/lib/api-client';

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  page: number;
  pageSize: number;
}

export function getAuditEntries(filter: AuditFilter, signal?: AbortSignal): Promise<Paged<AuditEntryView>> {
  return api.get<Paged<AuditEntryView>>(
    '/api/audit',
    { entity: filter.entity, entityId: filter.entityId?.trim(), page: filter.page, pageSize: filter.pageSize },
    signal,
  );
}

export function useAuditEntries(filter: AuditFilter) {
  return useQuery({
    queryKey: ['audit', filter],
    queryFn: ({ signal }) => getAuditEntries(filter, signal),
    placeholderData: keepPreviousData,
  });
}
