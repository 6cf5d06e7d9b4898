import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import type { PlantView } from '@tiantai/shared';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { useCreateLine } from '../api/create-line';
import { useCreatePlant } from '../api/create-plant';

interface PlaceFormValues {
  name: string;
  address?: string;
  plantId?: string;
}

/** A new plant (厂区) or a new line (产线) in one of the enterprise's plants. */
export function PlaceFormModal({
  kind,
  plants,
  defaultPlantId,
  onClose,
}: {
  kind: 'plant' | 'line';
  plants: PlantView[];
  defaultPlantId?: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlaceFormValues>();
  const createPlant = useCreatePlant();
  const createLine = useCreateLine();
  const [failure, setFailure] = useState<string | null>(null);

  const onFinish = async (values: PlaceFormValues) => {
    setFailure(null);
    try {
      if (kind === 'plant') {
        const plant = await createPlant.mutateAsync({ name: values.name.trim(), address: values.address?.trim() || null });
        void message.success(t('assets.plantCreated', { name: plant.name }));
      } else {
        const line = await createLine.mutateAsync({ plantId: values.plantId ?? '', name: values.name.trim() });
        void message.success(t('assets.lineCreated', { name: line.name }));
      }
      onClose();
    } catch (error) {
      setFailure(describeError(error, t));
    }
  };

  return (
    <Modal
      open
      title={t(kind === 'plant' ? 'assets.newPlant' : 'assets.newLine')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={createPlant.isPending || createLine.isPending}
      destroyOnHidden
    >
      <Form<PlaceFormValues>
        form={form}
        name="place"
        layout="vertical"
        initialValues={{ plantId: defaultPlantId ?? plants[0]?.id }}
        onFinish={onFinish}
      >
        {kind === 'line' && (
          <Form.Item name="plantId" label={t('asset.plant')} rules={[{ required: true }]}>
            <Select options={plants.map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t(kind === 'plant' ? 'assets.plantName' : 'assets.lineName')}
          rules={[{ required: true, whitespace: true, max: 200 }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        {kind === 'plant' && (
          <Form.Item name="address" label={t('assets.plantAddress')} rules={[{ max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
        )}
        {failure && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}
