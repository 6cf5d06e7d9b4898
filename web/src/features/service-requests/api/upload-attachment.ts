import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RequestDetailView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { requestDetailQueryKey } from './get-request';

/** Uploads a photo or PDF as the raw body; the server checks type, size and content. */
export function uploadAttachment(requestId: string, file: File): Promise<RequestDetailView> {
  return api.upload<RequestDetailView>(`/api/service-requests/${encodeURIComponent(requestId)}/attachments`, file, file.type, {
    'x-filename': encodeURIComponent(file.name),
  });
}

export const attachmentUrl = (requestId: string, attachmentId: string) =>
  `/api/service-requests/${encodeURIComponent(requestId)}/attachments/${encodeURIComponent(attachmentId)}`;

export function useUploadAttachment(requestId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadAttachment(requestId, file),
    onSuccess: (detail) => queryClient.setQueryData(requestDetailQueryKey(requestId), detail),
  });
}
