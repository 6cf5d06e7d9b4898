import { useQuery } from '@tanstack/react-query';
import type { PlantView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { assetsQueryKey } from './get-assets';

export const plantsQueryKey = [...assetsQueryKey, 'plants'] as const;

export function getPlants(signal?: AbortSignal): Promise<PlantView[]> {
  return api.get<PlantView[]>('/api/plants', undefined, signal);
}

export function usePlants() {
  return useQuery({ queryKey: plantsQueryKey, queryFn: ({ signal }) => getPlants(signal) });
}
