import { App, Button, Flex, Typography, Upload } from 'antd';
import { FilePdfOutlined, PaperClipOutlined, PictureOutlined } from '@ant-design/icons';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '@tiantai/shared';
import type { RequestDetailView } from '@tiantai/shared';
import { describeError } from '@/lib/error-message';
import { formatDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { attachmentUrl, useUploadAttachment } from '../api/upload-attachment';

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** Photos and PDFs of a request; anyone who takes part in an open request may add one. */
export function RequestAttachments({ request, canUpload }: { request: RequestDetailView; canUpload: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const upload = useUploadAttachment(request.id);

  return (
    <Flex vertical gap={8} data-testid="request-attachments">
      {request.attachments.length === 0 && <Typography.Text type="secondary">{t('attachments.none')}</Typography.Text>}
      {request.attachments.map((a) => (
        <Flex key={a.id} gap={8} align="center" wrap>
          {a.mime === 'application/pdf' ? (
            <FilePdfOutlined style={{ color: '#cf1322' }} />
          ) : (
            <PictureOutlined style={{ color: '#1554ad' }} />
          )}
          <a href={attachmentUrl(request.id, a.id)} target="_blank" rel="noreferrer">
            {a.filename}
          </a>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {sizeText(a.size)} · {a.uploadedBy ?? '—'} · {formatDateTime(a.uploadedAt)}
          </Typography.Text>
        </Flex>
      ))}
      {canUpload && (
        <Upload
          accept={ATTACHMENT_TYPES.join(',')}
          showUploadList={false}
          beforeUpload={(file) => {
            if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type) || file.size > ATTACHMENT_MAX_BYTES) {
              void message.error(t('attachments.rules'));
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          customRequest={({ file, onSuccess, onError }) => {
            upload.mutate(file as File, {
              onSuccess: (detail) => {
                void message.success(t('attachments.added'));
                onSuccess?.(detail);
              },
              onError: (error) => {
                void message.error(describeError(error, t));
                onError?.(error instanceof Error ? error : new Error(String(error)));
              },
            });
          }}
        >
          <Button icon={<PaperClipOutlined />} loading={upload.isPending} data-testid="attachment-upload">
            {t('attachments.add')}
          </Button>
        </Upload>
      )}
      {canUpload && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('attachments.rules')}
        </Typography.Text>
      )}
    </Flex>
  );
}
