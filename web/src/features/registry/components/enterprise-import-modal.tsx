import { useState } from 'react';
import { Alert, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import type { UploadProps } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { ENTERPRISE_SHEET_COLUMNS } from '@tiantai/shared';
import type { ImportResult, ImportRowError } from '@tiantai/shared';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import type { Locale } from '@/lib/i18n';
import { ENTERPRISE_EXPORT_URL, importRowErrors, useImportEnterprises } from '../api/import-enterprises';
import { describeWarning } from './describe-warning';

type Outcome =
  | { kind: 'done'; result: ImportResult; fileName: string }
  | { kind: 'rows'; errors: ImportRowError[]; fileName: string }
  | { kind: 'failed'; message: string; fileName: string };

/** The server may name a column by key or by either header; show it the way the user's sheet says it. */
function columnLabel(column: string | undefined, locale: Locale): string {
  if (!column) return '—';
  const match = ENTERPRISE_SHEET_COLUMNS.find((c) => c.key === column || c.zh === column || c.en === column);
  if (!match) return column;
  return locale === 'zh-CN' ? match.zh : match.en;
}

export function EnterpriseImportModal({ onClose }: { onClose: () => void }) {
  const { t, locale } = useI18n();
  const importEnterprises = useImportEnterprises();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    if (!(file instanceof Blob)) return;
    const fileName = file instanceof File ? file.name : 'workbook.xlsx';
    setOutcome(null);
    importEnterprises.mutate(file, {
      onSuccess: (result) => {
        setOutcome({ kind: 'done', result, fileName });
        onSuccess?.(result);
      },
      onError: (error) => {
        const rows = importRowErrors(error);
        setOutcome(rows ? { kind: 'rows', errors: rows, fileName } : { kind: 'failed', message: describeError(error, t), fileName });
        onError?.(error);
      },
    });
  };

  const headers = ENTERPRISE_SHEET_COLUMNS.map((c) => (locale === 'zh-CN' ? c.zh : c.en)).join(locale === 'zh-CN' ? '、' : ', ');

  return (
    <Modal
      open
      title={t('import.title')}
      onCancel={onClose}
      width={760}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {outcome?.kind === 'done' ? t('action.done') : t('action.close')}
        </Button>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('import.hint', { headers })}{' '}
          <Typography.Link href={ENTERPRISE_EXPORT_URL} download>
            <DownloadOutlined /> {t('import.template')}
          </Typography.Link>
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          maxCount={1}
          showUploadList={false}
          customRequest={customRequest}
          disabled={importEnterprises.isPending}
          data-testid="import-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{importEnterprises.isPending ? t('import.uploading') : t('import.drop')}</p>
          <p className="ant-upload-hint">{t('import.dropHint')}</p>
        </Upload.Dragger>

        {outcome?.kind === 'done' && (
          <Alert
            type="success"
            showIcon
            data-testid="import-result"
            title={t('import.done', { created: outcome.result.created, updated: outcome.result.updated })}
            description={
              outcome.result.warnings.length > 0 && (
                <>
                  <Typography.Text>{t('import.warnings', { count: outcome.result.warnings.length })}</Typography.Text>
                  <ul style={{ margin: '4px 0 0', paddingInlineStart: 20, maxHeight: 160, overflow: 'auto' }}>
                    {outcome.result.warnings.map((warning, index) => (
                      <li key={index}>{describeWarning(warning, t)}</li>
                    ))}
                  </ul>
                </>
              )
            }
          />
        )}

        {outcome?.kind === 'rows' && (
          <>
            <Alert
              type="error"
              showIcon
              title={t('import.invalidRows', { file: outcome.fileName, count: outcome.errors.length })}
              description={t('import.invalidRowsHint')}
            />
            <Table<ImportRowError & { key: number }>
              size="small"
              data-testid="import-errors"
              dataSource={outcome.errors.map((error, index) => ({ ...error, key: index }))}
              pagination={outcome.errors.length > 10 ? { pageSize: 10, size: 'small' } : false}
              columns={[
                { title: t('import.row'), dataIndex: 'row', width: 80, render: (row: number) => (row === 0 ? t('import.headerRow') : row) },
                {
                  title: t('import.column'),
                  dataIndex: 'column',
                  width: 160,
                  render: (column: string | undefined) => columnLabel(column, locale),
                },
                {
                  title: t('import.problem'),
                  dataIndex: 'problem',
                  render: (problem: ImportRowError['problem'], error) => t(`importProblem.${problem}`, { value: error.value ?? '' }),
                },
              ]}
            />
          </>
        )}

        {outcome?.kind === 'failed' && (
          <Alert type="error" showIcon title={t('import.failed', { file: outcome.fileName })} description={outcome.message} />
        )}
      </Space>
    </Modal>
  );
}
