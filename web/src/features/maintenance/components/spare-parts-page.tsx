import { useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { SparePartView } from '@tiantai/shared';
import { FormRow } from '@/components/form-row';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useCan } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useAdjustStock } from '../api/adjust-stock';
import { useCreateSparePart } from '../api/create-spare-part';
import { useSpareParts } from '../api/get-spare-parts';
import { describeWorkOrderError } from './work-order-error';

interface PartValues {
  code?: string;
  name?: string;
  unit?: string;
  quantity?: number | null;
  minQuantity?: number | null;
}

function CreatePartDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<PartValues>();
  const create = useCreateSparePart();
  return (
    <Modal
      open
      title={t('spareParts.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<PartValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ unit: '件', quantity: 0, minQuantity: 0 }}
        onFinish={(values) =>
          create.mutate(
            {
              code: values.code?.trim() ?? '',
              name: values.name?.trim() ?? '',
              unit: values.unit?.trim() || undefined,
              quantity: values.quantity ?? 0,
              minQuantity: values.minQuantity ?? 0,
            },
            { onSuccess: onClose },
          )
        }
      >
        <FormRow>
          <Form.Item
            name="code"
            label={t('sparePart.code')}
            rules={[{ required: true, whitespace: true, message: t('sparePart.codeRequired') }]}
          >
            <Input maxLength={64} className="tt-mono" />
          </Form.Item>
          <Form.Item name="unit" label={t('sparePart.unit')}>
            <Input maxLength={20} />
          </Form.Item>
        </FormRow>
        <Form.Item
          name="name"
          label={t('sparePart.name')}
          rules={[{ required: true, whitespace: true, message: t('sparePart.nameRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <FormRow>
          <Form.Item name="quantity" label={t('sparePart.quantity')}>
            <InputNumber min={0} max={1e9} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="minQuantity" label={t('sparePart.minQuantity')}>
            <InputNumber min={0} max={1e9} style={{ width: '100%' }} />
          </Form.Item>
        </FormRow>
        {create.isError && <Alert type="error" showIcon title={describeWorkOrderError(create.error, t)} />}
      </Form>
    </Modal>
  );
}

function AdjustDialog({ part, onClose }: { part: SparePartView; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ delta?: number | null; reason?: string }>();
  const adjust = useAdjustStock();
  return (
    <Modal
      open
      title={`${t('spareParts.adjust')} · ${part.code} ${part.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={adjust.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('workOrder.inStock', { quantity: part.quantity, unit: part.unit })}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) =>
          adjust.mutate({ id: part.id, body: { delta: values.delta ?? 0, reason: values.reason?.trim() ?? '' } }, { onSuccess: onClose })
        }
      >
        <Form.Item
          name="delta"
          label={t('sparePart.delta')}
          extra={t('sparePart.deltaHelp')}
          rules={[{ required: true, message: t('sparePart.deltaRequired') }]}
        >
          <InputNumber min={-1e9} max={1e9} style={{ width: '100%' }} suffix={part.unit} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('sparePart.reason')}
          rules={[{ required: true, whitespace: true, message: t('sparePart.reasonRequired') }]}
        >
          <Input maxLength={500} />
        </Form.Item>
        {adjust.isError && <Alert type="error" showIcon title={describeWorkOrderError(adjust.error, t)} />}
      </Form>
    </Modal>
  );
}

export function SparePartsPage() {
  const { t } = useI18n();
  const admin = useCan('maintenance.manage');
  const parts = useSpareParts();
  const [creating, setCreating] = useState(false);
  const [adjusting, setAdjusting] = useState<SparePartView | null>(null);
  const lowCount = (parts.data ?? []).filter((p) => p.lowStock).length;

  const columns: TableColumnsType<SparePartView> = [
    { title: t('sparePart.code'), dataIndex: 'code', width: 140, render: (code: string) => <span className="tt-mono">{code}</span> },
    { title: t('sparePart.name'), dataIndex: 'name', minWidth: 160, ellipsis: true },
    {
      title: t('sparePart.quantity'),
      key: 'quantity',
      width: 150,
      render: (_, part) => (
        <Typography.Text type={part.lowStock ? 'danger' : undefined} strong={part.lowStock} data-testid="part-quantity-cell">
          {part.quantity} {part.unit}
          {part.lowStock && (
            <Tag color="error" style={{ marginInlineStart: 8 }}>
              {t('spareParts.lowStock')}
            </Tag>
          )}
        </Typography.Text>
      ),
    },
    { title: t('sparePart.minQuantity'), key: 'min', width: 110, render: (_, part) => `${part.minQuantity} ${part.unit}` },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (at: string) => formatDateTime(at) },
    ...(admin
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, part: SparePartView) => (
              <Button type="link" size="small" onClick={() => setAdjusting(part)} data-testid="part-adjust">
                {t('spareParts.adjust')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('spareParts.title')}
        subtitle={t('spareParts.subtitle')}
        extra={
          admin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-part">
              {t('spareParts.new')}
            </Button>
          )
        }
      />
      {lowCount > 0 && <Alert type="warning" showIcon title={t('spareParts.lowCount', { count: lowCount })} style={{ marginBottom: 16 }} />}
      <Card>
        {parts.isError ? (
          <QueryError error={parts.error} onRetry={() => void parts.refetch()} />
        ) : (
          <Table<SparePartView>
            rowKey="id"
            columns={columns}
            dataSource={parts.data ?? []}
            loading={parts.isFetching}
            size="middle"
            scroll={{ x: 760 }}
            locale={{ emptyText: t('spareParts.empty') }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
          />
        )}
      </Card>
      {creating && <CreatePartDialog onClose={() => setCreating(false)} />}
      {adjusting && <AdjustDialog part={adjusting} onClose={() => setAdjusting(null)} />}
    </>
  );
}
