import { CameraOutlined } from '@ant-design/icons';
import type { WorkOrderDetailView } from '@tiantai/shared';
import { AttachmentList } from '@/components/attachment-list';
import { useI18n } from '@/lib/i18n';
import { useUploadWorkOrderAttachment, workOrderAttachmentUrl } from '../api/upload-work-order-attachment';

/** Photos and PDFs of a work order; any user of the enterprise adds one until the order is accepted. */
export function WorkOrderAttachments({ order }: { order: WorkOrderDetailView }) {
  const { t } = useI18n();
  const upload = useUploadWorkOrderAttachment(order.id);
  return (
    <AttachmentList
      testId="work-order-attachments"
      attachments={order.attachments}
      hrefOf={(id) => workOrderAttachmentUrl(order.id, id)}
      upload={
        order.status === 'accepted'
          ? undefined
          : {
              send: (file) => upload.mutateAsync(file),
              pending: upload.isPending,
              label: t('workOrder.attachmentAdd'),
              icon: <CameraOutlined />,
              rules: t('workOrder.attachmentRules'),
              // On a phone this offers the camera as well as the files.
              accept: 'image/*,application/pdf',
              large: true,
            }
      }
    />
  );
}
