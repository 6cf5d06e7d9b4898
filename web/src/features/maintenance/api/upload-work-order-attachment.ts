import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WorkOrderDetailView } from '@tiantai/shared';
import { api } from '@/lib/api-client';
import { workOrderDetailQueryKey } from './get-work-order';

/** Uploads a photo or PDF as the raw body; the server checks type, size and content. */
export function uploadWorkOrderAttachment(workOrderId: string, file: File): Promise<WorkOrderDetailView> {
  return api.upload<WorkOrderDetailView>(`/api/work-orders/${encodeURIComponent(workOrderId)}/attachments`, file, file.type, {
    'x-filename': encodeURIComponent(file.name),
  });
}

export const workOrderAttachmentUrl = (workOrderId: string, attachmentId: string) =>
  `/api/work-orders/${encodeURIComponent(workOrderId)}/attachments/${encodeURIComponent(attachmentId)}`;

export function useUploadWorkOrderAttachment(workOrderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadWorkOrderAttachment(workOrderId, file),
    onSuccess: (detail) => queryClient.setQueryData(workOrderDetailQueryKey(workOrderId), detail),
  });
}
