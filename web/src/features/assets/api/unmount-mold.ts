import { useMutation } from '@tanstack/react-query';
import type { AssetDetailView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { useAssetChangeHandlers } from './change-asset';

export function unmountMold(id: string): Promise<AssetDetailView> {
  return api.post<AssetDetailView>(`/api/assets/${encodeURIComponent(id)}/unmount`);
}

export function useUnmountMold(id: string) {
  return useMutation({ mutationFn: () => unmountMold(id), ...useAssetChangeHandlers(id) });
}
