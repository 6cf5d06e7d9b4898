import { useQuery } from '@tanstack/react-query';
import type { ParkView } from '@tiantai/shared';
import { api } from '@/lib/api-client';

export function getParks(): Promise<ParkView[]> {
  return api.get<ParkView[]>('/api/parks');
}

/** Shares the parks page's cache entry (same key, same shape). */
export function useParkCount(enabled = true) {
  return useQuery({ queryKey: ['parks'], queryFn: getParks, select: (parks) => parks.length, enabled });
}
