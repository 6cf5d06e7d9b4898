import { useQuery } from '@tanstack/react-query';
import type { ParkView } from '@tiantai/shared';
import { api } from '@/lib/api-client';

export const parksQueryKey = ['parks'] as const;

export function getParks(): Promise<ParkView[]> {
  return api.get<ParkView[]>('/api/parks');
}

export function useParks(options: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: parksQueryKey, queryFn: getParks, enabled: options.enabled ?? true });
}
