import { Alert, Button, Checkbox, Form, Input, Modal } from 'antd';
import type { WorkOrderDetailView } from '@tiantai/shared';
import { useI18n } from '@/lib/i18n';
import { useReportWorkOrder } from '../api/report-work-order';
import { AssetSelect } from '@/components/asset-select';
import { describeWorkOrderError } from './work-order-error';

interface ReportValues {
  assetId?: string;
  title?: string;
  description?: string;
  stopped?: boolean;
}

/** 报修: the asset, what is wrong, and whether it stopped (the downtime then starts now). */
export function ReportDialog({ onClose, onReported }: { onClose: () => void; onReported: (order: WorkOrderDetailView) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ReportValues>();
  const report = useReportWorkOrder();

  const submit = (values: ReportValues) => {
    report.mutate(
      {
        assetId: values.assetId ?? '',
        kind: 'repair',
        title: values.title?.trim() ?? '',
        description: values.description?.trim() ?? '',
        downtimeStart: values.stopped ? new Date().toISOString() : undefined,
      },
      { onSuccess: onReported },
    );
  };

  return (
    <Modal
      open
      title={t('workOrders.report')}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('action.cancel')}
        </Button>,
        <Button key="submit" type="primary" loading={report.isPending} onClick={() => form.submit()} data-testid="report-submit">
          {t('workOrders.report')}
        </Button>,
      ]}
      destroyOnHidden
    >
      <Form<ReportValues> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="assetId" label={t('workOrder.asset')} rules={[{ required: true, message: t('workOrder.assetRequired') }]}>
          <AssetSelect testId="report-asset" placeholder={t('workOrder.searchAsset')} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('workOrder.title')}
          rules={[{ required: true, whitespace: true, message: t('workOrder.titleRequired') }]}
        >
          <Input maxLength={200} placeholder={t('workOrder.titlePlaceholder')} data-testid="report-title" />
        </Form.Item>
        <Form.Item name="description" label={t('workOrder.description')}>
          <Input.TextArea rows={4} maxLength={5000} placeholder={t('workOrder.descriptionPlaceholder')} data-testid="report-description" />
        </Form.Item>
        <Form.Item name="stopped" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox data-testid="report-stopped">{t('workOrder.stopped')}</Checkbox>
        </Form.Item>
        {report.isError && <Alert type="error" showIcon title={describeWorkOrderError(report.error, t)} data-testid="report-error" />}
      </Form>
    </Modal>
  );
}
