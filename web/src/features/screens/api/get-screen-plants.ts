import { useQuery } from '@tanstack/react-query';
import type { PlantView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { screensQueryKey } from './get-plant-screen';

/** The enterprise's plants, each of which has a screen. */
export function getScreenPlants(signal?: AbortSignal): Promise<PlantView[]> {
  return api.get<PlantView[]>('/api/plants', undefined, signal);
}

export function useScreenPlants(enabled: boolean) {
  return useQuery({ queryKey: [...screensQueryKey, 'plants'], queryFn: ({ signal }) => getScreenPlants(signal), enabled });
}
