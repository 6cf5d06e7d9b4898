import type { ReactNode } from 'react';
import { App, Button, Flex, Typography, Upload } from 'antd';
import { FilePdfOutlined, PictureOutlined } from '@ant-design/icons';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '@tiantai/shared';
import type { AttachmentView } from '@tiantai/shared';
import { describeError } from '@/lib/error-message';
import { formatDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/**
 * The photos and PDFs of a record (a request, a work order), each a link to the file, and — when the user
 * may add one — an upload button checked against the server's types and size before it sends anything.
 */
export function AttachmentList({
  attachments,
  hrefOf,
  upload,
  testId,
}: {
  attachments: AttachmentView[];
  hrefOf: (attachmentId: string) => string;
  /** Absent when the user may not add files now. */
  upload?: {
    send: (file: File) => Promise<unknown>;
    pending: boolean;
    label: ReactNode;
    icon: ReactNode;
    rules: string;
    /** e.g. image/* on a phone offers the camera too. */
    accept?: string;
    large?: boolean;
  };
  testId: string;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <Flex vertical gap={8} data-testid={testId}>
      {attachments.length === 0 && <Typography.Text type="secondary">{t('attachments.none')}</Typography.Text>}
      {attachments.map((a) => (
        <Flex key={a.id} gap={8} align="center" wrap>
          {a.mime === 'application/pdf' ? (
            <FilePdfOutlined style={{ color: '#cf1322' }} />
          ) : (
            <PictureOutlined style={{ color: '#1554ad' }} />
          )}
          <a href={hrefOf(a.id)} target="_blank" rel="noreferrer">
            {a.filename}
          </a>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {sizeText(a.size)} · {a.uploadedBy ?? '—'} · {formatDateTime(a.uploadedAt)}
          </Typography.Text>
        </Flex>
      ))}
      {upload && (
        <>
          <Upload
            accept={upload.accept ?? ATTACHMENT_TYPES.join(',')}
            showUploadList={false}
            beforeUpload={(file) => {
              if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type) || file.size > ATTACHMENT_MAX_BYTES) {
                void message.error(upload.rules);
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={({ file, onSuccess, onError }) => {
              upload.send(file as File).then(
                (result) => {
                  void message.success(t('attachments.added'));
                  onSuccess?.(result);
                },
                (error: unknown) => {
                  void message.error(describeError(error, t));
                  onError?.(error instanceof Error ? error : new Error(String(error)));
                },
              );
            }}
          >
            <Button size={upload.large ? 'large' : 'middle'} icon={upload.icon} loading={upload.pending} data-testid={`${testId}-upload`}>
              {upload.label}
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {upload.rules}
          </Typography.Text>
        </>
      )}
    </Flex>
  );
}
