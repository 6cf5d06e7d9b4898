import { useQuery } from '@tanstack/react-query';
import type { LineView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { assetsQueryKey } from './get-assets';

export const linesQueryKey = [...assetsQueryKey, 'lines'] as const;

/** Every line of the enterprise; the tree groups them under their plants. */
export function getLines(signal?: AbortSignal): Promise<LineView[]> {
  return api.get<LineView[]>('/api/lines', undefined, signal);
}

export function useLines() {
  return useQuery({ queryKey: linesQueryKey, queryFn: ({ signal }) => getLines(signal) });
}
