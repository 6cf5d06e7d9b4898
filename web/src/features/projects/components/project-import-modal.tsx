import { useState } from 'react';
import { Alert, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import type { UploadProps } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { PROJECT_SHEET_COLUMNS } from '@tiantai/shared';
import type { ImportRowError } from '@tiantai/shared';
import { isApiError } from '@/lib/api-client';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n';
import { projectExportUrl, useImportProjects } from '../api/projects';

type Outcome =
  | { kind: 'done'; created: number; updated: number }
  | { kind: 'rows'; errors: ImportRowError[]; fileName: string }
  | { kind: 'failed'; message: string };

/** The project list from Excel: every row is checked first, one bad row rejects the whole sheet. */
export function ProjectImportModal({ year, onClose }: { year: number; onClose: () => void }) {
  const { t, locale } = useI18n();
  const importProjects = useImportProjects();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    if (!(file instanceof Blob)) return;
    const fileName = file instanceof File ? file.name : 'workbook.xlsx';
    setOutcome(null);
    importProjects.mutate(file, {
      onSuccess: (result) => {
        setOutcome({ kind: 'done', ...result });
        onSuccess?.(result);
      },
      onError: (error) => {
        const rows = isApiError(error, 'IMPORT_INVALID_ROWS') && Array.isArray(error.details) ? (error.details as ImportRowError[]) : null;
        setOutcome(rows ? { kind: 'rows', errors: rows, fileName } : { kind: 'failed', message: describeError(error, t) });
        onError?.(error);
      },
    });
  };
  const headers = PROJECT_SHEET_COLUMNS.map((c) => (locale === 'zh-CN' ? c.zh : c.en)).join(locale === 'zh-CN' ? '、' : ', ');

  return (
    <Modal
      open
      title={t('projects.importTitle')}
      onCancel={onClose}
      width={780}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t('action.close')}
        </Button>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('projects.importHint', { headers })}{' '}
          <Typography.Link href={projectExportUrl(year)} download>
            <DownloadOutlined /> {t('import.template')}
          </Typography.Link>
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          maxCount={1}
          showUploadList={false}
          customRequest={customRequest}
          disabled={importProjects.isPending}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{importProjects.isPending ? t('import.uploading') : t('import.drop')}</p>
          <p className="ant-upload-hint">{t('import.dropHint')}</p>
        </Upload.Dragger>
        {outcome?.kind === 'done' && (
          <Alert type="success" showIcon title={t('projects.importDone', { created: outcome.created, updated: outcome.updated })} />
        )}
        {outcome?.kind === 'failed' && <Alert type="error" showIcon title={outcome.message} />}
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
              dataSource={outcome.errors.map((e, key) => ({ ...e, key }))}
              pagination={outcome.errors.length > 10 ? { pageSize: 10, size: 'small' } : false}
              columns={[
                { title: t('import.row'), dataIndex: 'row', width: 70, render: (row: number) => (row === 0 ? t('import.headerRow') : row) },
                { title: t('projects.importColumn'), dataIndex: 'column', width: 160 },
                {
                  title: t('projects.importProblem'),
                  key: 'problem',
                  render: (_, e) => t(`importProblem.${e.problem}` as MessageKey, { value: e.value ?? '' }),
                },
              ]}
            />
          </>
        )}
      </Space>
    </Modal>
  );
}
