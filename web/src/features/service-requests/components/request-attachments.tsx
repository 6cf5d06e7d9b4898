import { PaperClipOutlined } from '@ant-design/icons';
import type { RequestDetailView } from '@tiantai/shared';
import { AttachmentList } from '@/components/attachment-list';
import { useI18n } from '@/lib/i18n';
import { attachmentUrl, useUploadAttachment } from '../api/upload-attachment';

/** Photos and PDFs of a request; anyone who takes part in an open request may add one. */
export function RequestAttachments({ request, canUpload }: { request: RequestDetailView; canUpload: boolean }) {
  const { t } = useI18n();
  const upload = useUploadAttachment(request.id);
  return (
    <AttachmentList
      testId="request-attachments"
      attachments={request.attachments}
      hrefOf={(id) => attachmentUrl(request.id, id)}
      upload={
        canUpload
          ? {
              send: (file) => upload.mutateAsync(file),
              pending: upload.isPending,
              label: t('attachments.add'),
              icon: <PaperClipOutlined />,
              rules: t('attachments.rules'),
            }
          : undefined
      }
    />
  );
}
