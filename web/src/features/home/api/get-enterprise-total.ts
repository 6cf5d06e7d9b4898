import { useQuery } from '@tanstack/react-query';
import type { EnterpriseView, Paged } from '@tiantai/shared';
import { api } from '@/lib/api-client';

// Dashboard numbers come from the same list endpoints as the pages behind them (their `total`) and share
// their query keys, so a change made on a page shows here without a second source of truth.

export function getEnterpriseTotal(aboveScale?: boolean): Promise<number> {
  return api.get<Paged<EnterpriseView>>('/api/enterprises', { aboveScale, page: 1, pageSize: 1 }).then((page) => page.total);
}

export function useEnterpriseTotal(aboveScale?: boolean, enabled = true) {
  return useQuery({
    queryKey: ['enterprises', 'total', aboveScale ?? 'all'],
    queryFn: () => getEnterpriseTotal(aboveScale),
    enabled,
  });
}
