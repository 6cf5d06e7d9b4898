import { useMutation } from '@tanstack/react-query';
import type { AssetDetailView, ReadingBody } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { useAssetChangeHandlers } from './change-asset';

export function recordReading(id: string, body: ReadingBody): Promise<AssetDetailView> {
  return api.post<AssetDetailView>(`/api/assets/${encodeURIComponent(id)}/readings`, body);
}

export function useRecordReading(id: string) {
  return useMutation({ mutationFn: (body: ReadingBody) => recordReading(id, body), ...useAssetChangeHandlers(id) });
}
