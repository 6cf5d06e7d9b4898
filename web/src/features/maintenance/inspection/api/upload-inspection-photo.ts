import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InspectionRoundDetailView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { inspectionRoundQueryKey } from './get-inspection-round';
import { inspectionRoundsQueryKey } from './get-inspection-rounds';

/** The picture for a photo item, as the raw body; the server checks its type and content. */
export function uploadInspectionPhoto(roundId: string, itemId: string, file: File): Promise<InspectionRoundDetailView> {
  return api.upload<InspectionRoundDetailView>(
    `/api/inspection/rounds/${encodeURIComponent(roundId)}/items/${encodeURIComponent(itemId)}/photo`,
    file,
    file.type,
    { 'x-filename': encodeURIComponent(file.name) },
  );
}

export const inspectionPhotoUrl = (roundId: string, photoId: string) =>
  `/api/inspection/rounds/${encodeURIComponent(roundId)}/photos/${encodeURIComponent(photoId)}`;

export function useUploadInspectionPhoto(roundId: string, itemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadInspectionPhoto(roundId, itemId, file),
    onSuccess: (round) => {
      queryClient.setQueryData(inspectionRoundQueryKey(round.id), round);
      void queryClient.invalidateQueries({ queryKey: [...inspectionRoundsQueryKey, 'list'] });
    },
  });
}
