import { App, Button, Flex, Typography, Upload } from 'antd';
import { CameraOutlined, FilePdfOutlined, PictureOutlined } from '@ant-design/icons';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '@tiantai/shared';
import type { WorkOrderDetailView } from '@tiantai/shared';
import { describeError } from '@/lib/error-message';
import { formatDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useUploadWorkOrderAttachment, workOrderAttachmentUrl } from '../api/upload-work-order-attachment';

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** Photos and PDFs of a work order; any user of the enterprise adds one until the order is accepted. */
export function WorkOrderAttachments({ order }: { order: WorkOrderDetailView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const upload = useUploadWorkOrderAttachment(order.id);
  const canUpload = order.status !== 'accepted';

  return (
    <Flex vertical gap={8} data-testid="work-order-attachments">
      {order.attachments.length === 0 && <Typography.Text type="secondary">{t('workOrder.attachmentsNone')}</Typography.Text>}
      {order.attachments.map((a) => (
        <Flex key={a.id} gap={8} align="center" wrap>
          {a.mime === 'application/pdf' ? (
            <FilePdfOutlined style={{ color: '#cf1322' }} />
          ) : (
            <PictureOutlined style={{ color: '#1554ad' }} />
          )}
          <a href={workOrderAttachmentUrl(order.id, a.id)} target="_blank" rel="noreferrer">
            {a.filename}
          </a>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {sizeText(a.size)} · {a.uploadedBy ?? '—'} · {formatDateTime(a.uploadedAt)}
          </Typography.Text>
        </Flex>
      ))}
      {canUpload && (
        <Upload
          // On a phone this offers the camera as well as the files.
          accept="image/*,application/pdf"
          showUploadList={false}
          beforeUpload={(file) => {
            if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type) || file.size > ATTACHMENT_MAX_BYTES) {
              void message.error(t('workOrder.attachmentRules'));
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          customRequest={({ file, onSuccess, onError }) => {
            upload.mutate(file as File, {
              onSuccess: (detail) => {
                void message.success(t('workOrder.attachmentAdded'));
                onSuccess?.(detail);
              },
              onError: (error) => {
                void message.error(describeError(error, t));
                onError?.(error instanceof Error ? error : new Error(String(error)));
              },
            });
          }}
        >
          <Button size="large" icon={<CameraOutlined />} loading={upload.isPending} data-testid="work-order-attachment-upload">
            {t('workOrder.attachmentAdd')}
          </Button>
        </Upload>
      )}
      {canUpload && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('workOrder.attachmentRules')}
        </Typography.Text>
      )}
    </Flex>
  );
}
