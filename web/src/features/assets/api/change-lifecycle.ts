import { useMutation } from '@tanstack/react-query';
import type { AssetDetailView, LifecycleBody } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { useAssetChangeHandlers } from './change-asset';

export function changeLifecycle(id: string, body: LifecycleBody): Promise<AssetDetailView> {
  return api.post<AssetDetailView>(`/api/assets/${encodeURIComponent(id)}/lifecycle`, body);
}

export function useChangeLifecycle(id: string) {
  return useMutation({ mutationFn: (body: LifecycleBody) => changeLifecycle(id, body), ...useAssetChangeHandlers(id) });
}
