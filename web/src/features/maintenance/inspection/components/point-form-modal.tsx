import { Alert, Button, Card, Flex, Form, Input, InputNumber, Modal, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { InspectionItemBody, InspectionItemKind } from '@tiantai/shared';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n';
import { useAddInspectionPoint } from '../api/add-inspection-point';
import { InspectionAssetSelect } from './inspection-asset-select';

/** Photo items need an upload the phone page does not offer yet, so the admin does not create them. */
const ITEM_KINDS: readonly InspectionItemKind[] = ['pass_fail', 'number', 'meter', 'text'];
export const ITEM_KIND_LABELS: Record<InspectionItemKind, MessageKey> = {
  pass_fail: 'inspection.kind.passFail',
  number: 'inspection.kind.number',
  meter: 'inspection.kind.meter',
  text: 'inspection.kind.text',
  photo: 'inspection.kind.photo',
};

interface ItemValues {
  label?: string;
  kind?: InspectionItemKind;
  unit?: string;
  min?: number | null;
  max?: number | null;
}

interface PointValues {
  name?: string;
  assetId?: string;
  items?: ItemValues[];
}

const measured = (kind: InspectionItemKind | undefined) => kind === 'number' || kind === 'meter';

function toItemBody(item: ItemValues): InspectionItemBody {
  const kind = item.kind ?? 'pass_fail';
  return {
    label: item.label?.trim() ?? '',
    kind,
    unit: measured(kind) ? item.unit?.trim() || null : null,
    min: measured(kind) ? (item.min ?? null) : null,
    max: measured(kind) ? (item.max ?? null) : null,
  };
}

/** A point of a route: where it is, the asset a failure is reported on, and the items checked there. */
export function PointFormModal({ routeId, onClose }: { routeId: string; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<PointValues>();
  const add = useAddInspectionPoint(routeId);

  const submit = (values: PointValues) =>
    add.mutate(
      { name: values.name?.trim() ?? '', assetId: values.assetId ?? null, items: (values.items ?? []).map(toItemBody) },
      { onSuccess: onClose },
    );

  return (
    <Modal
      open
      title={t('inspection.point.new')}
      onCancel={onClose}
      width={640}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('action.cancel')}
        </Button>,
        <Button key="submit" type="primary" loading={add.isPending} onClick={() => form.submit()} data-testid="point-submit">
          {t('action.save')}
        </Button>,
      ]}
      destroyOnHidden
    >
      <Form<PointValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        initialValues={{ items: [{ kind: 'pass_fail' }] }}
      >
        <Form.Item
          name="name"
          label={t('inspection.point.name')}
          rules={[{ required: true, whitespace: true, message: t('inspection.point.nameRequired') }]}
        >
          <Input maxLength={200} placeholder={t('inspection.point.namePlaceholder')} data-testid="point-name" />
        </Form.Item>
        <Form.Item name="assetId" label={t('inspection.point.asset')} extra={t('inspection.point.assetHint')}>
          <InspectionAssetSelect />
        </Form.Item>
        <Form.List name="items">
          {(fields, { add: addItem, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field) => (
                <Card key={field.key} size="small" data-testid="point-item">
                  <Flex gap={8} wrap align="flex-start">
                    <Form.Item
                      name={[field.name, 'label']}
                      rules={[{ required: true, whitespace: true, message: t('inspection.item.labelRequired') }]}
                      style={{ flex: '1 1 200px', marginBottom: 8 }}
                    >
                      <Input maxLength={200} placeholder={t('inspection.item.label')} data-testid="item-label" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'kind']} style={{ flex: '0 0 120px', marginBottom: 8 }}>
                      <Select
                        options={ITEM_KINDS.map((kind) => ({ value: kind, label: t(ITEM_KIND_LABELS[kind]) }))}
                        data-testid="item-kind"
                      />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('inspection.item.remove')}
                      disabled={fields.length === 1}
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      measured(form.getFieldValue(['items', field.name, 'kind']) as InspectionItemKind | undefined) && (
                        <Flex gap={8} wrap>
                          <Form.Item name={[field.name, 'unit']} style={{ flex: '1 1 80px', marginBottom: 0 }}>
                            <Input maxLength={20} placeholder={t('inspection.item.unit')} data-testid="item-unit" />
                          </Form.Item>
                          <Form.Item name={[field.name, 'min']} style={{ flex: '1 1 100px', marginBottom: 0 }}>
                            <InputNumber placeholder={t('inspection.item.min')} style={{ width: '100%' }} data-testid="item-min" />
                          </Form.Item>
                          <Form.Item name={[field.name, 'max']} style={{ flex: '1 1 100px', marginBottom: 0 }}>
                            <InputNumber placeholder={t('inspection.item.max')} style={{ width: '100%' }} data-testid="item-max" />
                          </Form.Item>
                        </Flex>
                      )
                    }
                  </Form.Item>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => addItem({ kind: 'pass_fail' })} data-testid="add-item" block type="dashed">
                {t('inspection.item.add')}
              </Button>
            </Flex>
          )}
        </Form.List>
        {add.isError && <Alert type="error" showIcon title={describeError(add.error, t)} style={{ marginTop: 12 }} />}
      </Form>
    </Modal>
  );
}
