import { useMutation } from '@tanstack/react-query';
import type { AssetDetailView, MountBody } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { useAssetChangeHandlers } from './change-asset';

export function mountMold(id: string, body: MountBody): Promise<AssetDetailView> {
  return api.post<AssetDetailView>(`/api/assets/${encodeURIComponent(id)}/mount`, body);
}

export function useMountMold(id: string) {
  return useMutation({ mutationFn: (body: MountBody) => mountMold(id, body), ...useAssetChangeHandlers(id) });
}
