import { Alert, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Modal, Select } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { InspectionItemBody, InspectionItemKind, InspectionPointView } from '@tiantai/shared';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n';
import { useAddInspectionPoint } from '../api/add-inspection-point';
import { useUpdateInspectionPoint } from '../api/edit-inspection-route';
import { AssetSelect } from '@/components/asset-select';

const ITEM_KINDS: readonly InspectionItemKind[] = ['pass_fail', 'number', 'meter', 'text', 'photo'];
export const ITEM_KIND_LABELS: Record<InspectionItemKind, MessageKey> = {
  pass_fail: 'inspection.kind.passFail',
  number: 'inspection.kind.number',
  meter: 'inspection.kind.meter',
  text: 'inspection.kind.text',
  photo: 'inspection.kind.photo',
};

interface ItemValues {
  /** An existing item keeps its id (and the results recorded for it). */
  id?: string;
  label?: string;
  required?: boolean;
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

function toItemBody(item: ItemValues): InspectionItemBody & { id?: string } {
  const kind = item.kind ?? 'pass_fail';
  return {
    ...(item.id && { id: item.id }),
    label: item.label?.trim() ?? '',
    required: item.required ?? true,
    kind,
    unit: measured(kind) ? item.unit?.trim() || null : null,
    min: measured(kind) ? (item.min ?? null) : null,
    max: measured(kind) ? (item.max ?? null) : null,
  };
}

/** A point of a route: where it is, the asset a failure is reported on, and the items checked there, in order. */
export function PointFormModal({ routeId, point, onClose }: { routeId: string; point?: InspectionPointView; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<PointValues>();
  const add = useAddInspectionPoint(routeId);
  const update = useUpdateInspectionPoint(point?.id ?? '');
  const saving = point ? update : add;

  const submit = (values: PointValues) => {
    const body = { name: values.name?.trim() ?? '', assetId: values.assetId ?? null, items: (values.items ?? []).map(toItemBody) };
    if (point) update.mutate(body, { onSuccess: onClose });
    else add.mutate(body, { onSuccess: onClose });
  };
  const initialValues: PointValues = point
    ? {
        name: point.name,
        assetId: point.assetId ?? undefined,
        items: point.items.map((i) => ({
          id: i.id,
          label: i.label,
          kind: i.kind,
          unit: i.unit ?? undefined,
          min: i.min,
          max: i.max,
          required: i.required,
        })),
      }
    : { items: [{ kind: 'pass_fail', required: true }] };

  return (
    <Modal
      open
      title={t(point ? 'inspection.point.edit' : 'inspection.point.new')}
      onCancel={onClose}
      width={640}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('action.cancel')}
        </Button>,
        <Button key="submit" type="primary" loading={saving.isPending} onClick={() => form.submit()} data-testid="point-submit">
          {t('action.save')}
        </Button>,
      ]}
      destroyOnHidden
    >
      <Form<PointValues> form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={initialValues}>
        <Form.Item
          name="name"
          label={t('inspection.point.name')}
          rules={[{ required: true, whitespace: true, message: t('inspection.point.nameRequired') }]}
        >
          <Input maxLength={200} placeholder={t('inspection.point.namePlaceholder')} data-testid="point-name" />
        </Form.Item>
        <Form.Item name="assetId" label={t('inspection.point.asset')} extra={t('inspection.point.assetHint')}>
          <AssetSelect
            testId="point-asset"
            placeholder={t('inspection.point.assetPlaceholder')}
            initial={point?.assetId ? { id: point.assetId, code: point.assetCode ?? '', name: point.assetName ?? '' } : undefined}
          />
        </Form.Item>
        <Form.List name="items">
          {(fields, { add: addItem, remove, move }) => (
            <Flex vertical gap={8}>
              {fields.map((field, index) => {
                // Row inputs have no visible label of their own: each is named by its row and its placeholder.
                const rowName = (key: MessageKey) => t('inspection.item.row', { index: index + 1, field: t(key) });
                return (
                  <Card key={field.key} size="small" data-testid="point-item">
                    <Flex gap={8} wrap align="flex-start">
                      <Form.Item
                        name={[field.name, 'label']}
                        rules={[{ required: true, whitespace: true, message: t('inspection.item.labelRequired') }]}
                        style={{ flex: '1 1 200px', marginBottom: 8 }}
                      >
                        <Input
                          maxLength={200}
                          placeholder={t('inspection.item.label')}
                          aria-label={rowName('inspection.item.label')}
                          data-testid="item-label"
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'kind']} style={{ flex: '0 0 120px', marginBottom: 8 }}>
                        <Select
                          options={ITEM_KINDS.map((kind) => ({ value: kind, label: t(ITEM_KIND_LABELS[kind]) }))}
                          aria-label={rowName('inspection.item.kind')}
                          data-testid="item-kind"
                        />
                      </Form.Item>
                      <Flex gap={4}>
                        <Button
                          icon={<ArrowUpOutlined />}
                          aria-label={t('inspection.item.up')}
                          disabled={index === 0}
                          onClick={() => move(index, index - 1)}
                          data-testid="item-up"
                        />
                        <Button
                          icon={<ArrowDownOutlined />}
                          aria-label={t('inspection.item.down')}
                          disabled={index === fields.length - 1}
                          onClick={() => move(index, index + 1)}
                          data-testid="item-down"
                        />
                        <Button
                          icon={<DeleteOutlined />}
                          aria-label={t('inspection.item.remove')}
                          disabled={fields.length === 1}
                          onClick={() => remove(field.name)}
                          data-testid="item-remove"
                        />
                      </Flex>
                    </Flex>
                    <Form.Item name={[field.name, 'required']} valuePropName="checked" style={{ marginBottom: 8 }}>
                      <Checkbox data-testid="item-required">{t('inspection.item.required')}</Checkbox>
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() =>
                        measured(form.getFieldValue(['items', field.name, 'kind']) as InspectionItemKind | undefined) && (
                          <Flex gap={8} wrap>
                            <Form.Item name={[field.name, 'unit']} style={{ flex: '1 1 80px', marginBottom: 0 }}>
                              <Input
                                maxLength={20}
                                placeholder={t('inspection.item.unit')}
                                aria-label={rowName('inspection.item.unit')}
                                data-testid="item-unit"
                              />
                            </Form.Item>
                            <Form.Item name={[field.name, 'min']} style={{ flex: '1 1 100px', marginBottom: 0 }}>
                              <InputNumber
                                placeholder={t('inspection.item.min')}
                                aria-label={rowName('inspection.item.min')}
                                style={{ width: '100%' }}
                                data-testid="item-min"
                              />
                            </Form.Item>
                            <Form.Item name={[field.name, 'max']} style={{ flex: '1 1 100px', marginBottom: 0 }}>
                              <InputNumber
                                placeholder={t('inspection.item.max')}
                                aria-label={rowName('inspection.item.max')}
                                style={{ width: '100%' }}
                                data-testid="item-max"
                              />
                            </Form.Item>
                          </Flex>
                        )
                      }
                    </Form.Item>
                  </Card>
                );
              })}
              <Button
                icon={<PlusOutlined />}
                onClick={() => addItem({ kind: 'pass_fail', required: true })}
                data-testid="add-item"
                block
                type="dashed"
              >
                {t('inspection.item.add')}
              </Button>
            </Flex>
          )}
        </Form.List>
        {saving.isError && (
          <Alert type="error" showIcon title={describeError(saving.error, t)} style={{ marginTop: 12 }} data-testid="point-error" />
        )}
      </Form>
    </Modal>
  );
}
