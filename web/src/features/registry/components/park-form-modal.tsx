import { useState } from 'react';
import { Alert, App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { PARK_KINDS } from '@tiantai/shared';
import type { ParkBody, ParkView } from '@tiantai/shared';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { useCreatePark } from '../api/create-park';
import { useUpdatePark } from '../api/update-park';

interface ParkFormValues {
  name: string;
  kind: ParkBody['kind'];
  towns: string[];
  areaKm2: number | null;
  plannedInvestmentWan: number | null;
  description?: string;
}

export function ParkFormModal({ park, onClose }: { park: ParkView | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ParkFormValues>();
  const createPark = useCreatePark();
  const updatePark = useUpdatePark();
  const [failure, setFailure] = useState<string | null>(null);
  const saving = createPark.isPending || updatePark.isPending;

  const initialValues: ParkFormValues = park
    ? {
        name: park.name,
        kind: park.kind,
        towns: park.towns,
        areaKm2: park.areaKm2,
        plannedInvestmentWan: park.plannedInvestmentWan,
        description: park.description ?? '',
      }
    : { name: '', kind: 'park', towns: [], areaKm2: null, plannedInvestmentWan: null, description: '' };

  const onFinish = async (values: ParkFormValues) => {
    setFailure(null);
    const body: ParkBody = {
      name: values.name.trim(),
      kind: values.kind,
      towns: values.towns.map((town) => town.trim()).filter(Boolean),
      areaKm2: values.areaKm2 ?? null,
      plannedInvestmentWan: values.plannedInvestmentWan ?? null,
      description: values.description?.trim() || null,
    };
    try {
      if (park) await updatePark.mutateAsync({ id: park.id, body });
      else await createPark.mutateAsync(body);
      void message.success(t('common.saved'));
      onClose();
    } catch (error) {
      setFailure(describeError(error, t));
    }
  };

  return (
    <Modal
      open
      title={park ? t('parks.edit') : t('parks.new')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Form<ParkFormValues> form={form} name="park" layout="vertical" initialValues={initialValues} onFinish={onFinish}>
        <Form.Item name="name" label={t('park.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('park.kind')} rules={[{ required: true }]}>
          <Select options={PARK_KINDS.map((kind) => ({ value: kind, label: t(`parkKind.${kind}`) }))} />
        </Form.Item>
        <Form.Item name="towns" label={t('park.towns')} extra={t('park.townsHint')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、', ' ']} open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item name="areaKm2" label={t('park.area')}>
          <InputNumber min={0} max={100000} step={0.1} style={{ width: '100%' }} suffix="km²" />
        </Form.Item>
        <Form.Item name="plannedInvestmentWan" label={t('park.plannedInvestmentWan')}>
          <InputNumber min={0} max={1e9} step={1000} style={{ width: '100%' }} suffix={t('unit.wanYuan')} />
        </Form.Item>
        <Form.Item name="description" label={t('park.description')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        {failure && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}
