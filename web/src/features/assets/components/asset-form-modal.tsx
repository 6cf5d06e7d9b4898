import { useState } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { ASSET_KINDS, ASSET_STATES, CRITICALITIES } from '@tiantai/shared';
import type { AssetDetailView, AssetKind, AssetState, Criticality, LineView, PlantView } from '@tiantai/shared';
import { FormRow } from '@/components/form-row';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { useCreateAsset } from '../api/create-asset';
import type { Place } from './plant-tree';

interface AssetFormValues {
  kind: AssetKind;
  code: string;
  name: string;
  model?: string;
  maker?: string;
  serial?: string;
  installDate?: Dayjs | null;
  criticality: Criticality;
  state: Exclude<AssetState, 'scrapped'>;
  plantId?: string;
  lineId?: string;
  press?: boolean;
  cavities?: number | null;
  designLifeShots?: number | null;
}

const REGISTERABLE_STATES = ASSET_STATES.filter((s): s is Exclude<AssetState, 'scrapped'> => s !== 'scrapped');
const optional = (value: string | undefined) => value?.trim() || null;

/** The enterprise admin registers a machine, a mold or a tool; molds also carry cavities and design life. */
export function AssetFormModal({
  plants,
  lines,
  place,
  onClose,
  onCreated,
}: {
  plants: PlantView[];
  lines: LineView[];
  /** The plant or line chosen in the tree, the new asset's default place. */
  place: Place;
  onClose: () => void;
  onCreated: (created: AssetDetailView) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<AssetFormValues>();
  const createAsset = useCreateAsset();
  const kind = Form.useWatch('kind', form);
  const plantId = Form.useWatch('plantId', form);
  const [failure, setFailure] = useState<string | null>(null);

  const onFinish = async (values: AssetFormValues) => {
    setFailure(null);
    const mold = values.kind === 'mold';
    try {
      const created = await createAsset.mutateAsync({
        kind: values.kind,
        code: values.code.trim(),
        name: values.name.trim(),
        model: optional(values.model),
        maker: optional(values.maker),
        serial: optional(values.serial),
        installDate: values.installDate ? values.installDate.format('YYYY-MM-DD') : null,
        criticality: values.criticality,
        state: values.state,
        plantId: values.plantId ?? null,
        lineId: values.lineId ?? null,
        press: values.kind === 'equipment' && Boolean(values.press),
        cavities: mold ? (values.cavities ?? null) : null,
        designLifeShots: mold ? (values.designLifeShots ?? null) : null,
      });
      void message.success(t('assets.created', { code: created.code }));
      onCreated(created);
    } catch (error) {
      setFailure(describeError(error, t));
    }
  };

  return (
    <Modal
      open
      title={t('assets.new')}
      onCancel={onClose}
      destroyOnHidden
      width={680}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('action.cancel')}
        </Button>,
        <Button key="submit" type="primary" loading={createAsset.isPending} onClick={() => form.submit()} data-testid="asset-submit">
          {t('action.save')}
        </Button>,
      ]}
    >
      <Form<AssetFormValues>
        form={form}
        name="asset"
        layout="vertical"
        initialValues={{ kind: 'equipment', criticality: 'B', state: 'in_service', plantId: place.plantId, lineId: place.lineId }}
        onFinish={onFinish}
      >
        <Form.Item name="kind" label={t('asset.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={ASSET_KINDS.map((k) => ({ value: k, label: t(`assetKind.${k}`) }))}
          />
        </Form.Item>
        <FormRow>
          <Form.Item name="code" label={t('asset.code')} rules={[{ required: true, whitespace: true, max: 64 }]}>
            <Input maxLength={64} className="tt-mono" />
          </Form.Item>
          <Form.Item name="name" label={t('asset.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
        </FormRow>
        <FormRow>
          <Form.Item name="model" label={t('asset.model')} rules={[{ max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="maker" label={t('asset.maker')} rules={[{ max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
        </FormRow>
        <FormRow>
          <Form.Item name="serial" label={t('asset.serial')} rules={[{ max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="installDate" label={t('asset.installDate')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </FormRow>
        <FormRow>
          <Form.Item name="plantId" label={t('asset.plant')}>
            <Select
              allowClear
              options={plants.map((p) => ({ value: p.id, label: p.name }))}
              onChange={() => form.setFieldValue('lineId', undefined)}
            />
          </Form.Item>
          <Form.Item name="lineId" label={t('asset.line')}>
            <Select
              allowClear
              disabled={!plantId}
              options={lines.filter((l) => l.plantId === plantId).map((l) => ({ value: l.id, label: l.name }))}
            />
          </Form.Item>
        </FormRow>
        <FormRow>
          <Form.Item name="criticality" label={t('asset.criticality')} rules={[{ required: true }]}>
            <Select options={CRITICALITIES.map((c) => ({ value: c, label: t(`criticality.${c}`) }))} />
          </Form.Item>
          <Form.Item name="state" label={t('asset.initialState')} rules={[{ required: true }]}>
            <Select options={REGISTERABLE_STATES.map((s) => ({ value: s, label: t(`assetState.${s}`) }))} />
          </Form.Item>
        </FormRow>
        {kind === 'equipment' && (
          <Form.Item name="press" valuePropName="checked" extra={t('asset.pressHint')}>
            <Checkbox data-testid="asset-press">{t('asset.press')}</Checkbox>
          </Form.Item>
        )}
        {kind === 'mold' && (
          <FormRow>
            <Form.Item name="cavities" label={t('asset.cavities')} rules={[{ required: true }]}>
              <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="designLifeShots" label={t('asset.designLifeShots')} rules={[{ required: true }]}>
              <InputNumber min={1} max={1e10} precision={0} step={10000} style={{ width: '100%' }} />
            </Form.Item>
          </FormRow>
        )}
        {failure && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}
