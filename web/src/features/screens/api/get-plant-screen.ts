import { useQuery } from '@tanstack/react-query';
import type { PlantScreenView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { setCountyTimeZone } from '@/lib/format';

export const screensQueryKey = ['screens'] as const;

/**
 * One plant's screen, or the whole enterprise's when plantId is null; `token` for a kiosk display. A kiosk has
 * no session, so the snapshot names the county's zone, and every time on the screen is read on it.
 */
export async function getPlantScreen(plantId: string | null, token: string | undefined, signal?: AbortSignal): Promise<PlantScreenView> {
  const path = plantId === null ? '/api/screens/enterprise' : `/api/screens/plant/${encodeURIComponent(plantId)}`;
  const view = await api.get<PlantScreenView>(path, { token }, signal);
  setCountyTimeZone(view.timeZone);
  return view;
}

export function plantScreenQueryKey(plantId: string | null, token: string | undefined) {
  return [...screensQueryKey, 'plant', plantId, token ?? null] as const;
}

export function usePlantScreen(plantId: string | null, token: string | undefined) {
  return useQuery({
    queryKey: plantScreenQueryKey(plantId, token),
    queryFn: ({ signal }) => getPlantScreen(plantId, token, signal),
    // The stream's `ready` frame refetches; nothing else should, or a wall display polls for nothing.
    staleTime: Infinity,
    retry: 2,
  });
}
