import { Alert, Button, Form, Input, Modal, Radio } from 'antd';
import { DEVICE_KINDS } from '@tiantai/shared';
import type { DeviceDetailView, DeviceKind } from '@tiantai/shared';
import { FormRow } from '@/components/form-row';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { useCreateDevice } from '../api/create-device';
import type { CreatedDevice } from '../api/create-device';
import { useUpdateDevice } from '../api/update-device';
import { AssetSelect } from '@/components/asset-select';

interface DeviceValues {
  name?: string;
  kind: DeviceKind;
  deviceType: string;
  assetId: string | null;
}

const DEVICE_TYPE = /^[a-z0-9_-]+$/;

/** Registers a device (or gateway) and binds it to an asset, or edits its name, type and binding. */
export function DeviceFormModal({
  device,
  assetId,
  onClose,
  onCreated,
}: {
  device?: DeviceDetailView;
  /** A new device for this machine (opened from the asset's page). */
  assetId?: string | null;
  onClose: () => void;
  onCreated?: (created: CreatedDevice) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<DeviceValues>();
  const create = useCreateDevice();
  const update = useUpdateDevice();
  const saving = create.isPending || update.isPending;
  const error = create.error ?? update.error;

  const submit = (values: DeviceValues) => {
    const common = { name: values.name?.trim() ?? '', deviceType: values.deviceType.trim(), assetId: values.assetId ?? null };
    if (device) update.mutate({ id: device.id, body: common }, { onSuccess: onClose });
    else create.mutate({ ...common, kind: values.kind }, { onSuccess: (created) => onCreated?.(created) });
  };

  return (
    <Modal
      open
      width={560}
      title={t(device ? 'devices.edit' : 'devices.new')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('action.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={saving} onClick={() => form.submit()} data-testid="device-submit">
          {t('action.save')}
        </Button>,
      ]}
    >
      <Form<DeviceValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={
          device
            ? { name: device.name, kind: device.kind, deviceType: device.deviceType, assetId: device.assetId }
            : { kind: 'device', deviceType: 'machine', assetId: assetId ?? null }
        }
        onFinish={submit}
      >
        <Form.Item name="name" label={t('device.name')} rules={[{ required: true, whitespace: true, message: t('device.nameRequired') }]}>
          <Input maxLength={200} placeholder={t('device.namePlaceholder')} data-testid="device-name" />
        </Form.Item>
        <FormRow>
          <Form.Item name="kind" label={t('device.kind')} extra={device ? undefined : t('device.kindHelp')}>
            <Radio.Group
              disabled={Boolean(device)}
              optionType="button"
              options={DEVICE_KINDS.map((kind) => ({ value: kind, label: t(`deviceKind.${kind}`) }))}
              data-testid="device-kind"
            />
          </Form.Item>
          <Form.Item
            name="deviceType"
            label={t('device.deviceType')}
            extra={t('device.deviceTypeHelp')}
            rules={[
              { required: true, whitespace: true, message: t('device.deviceTypeRequired') },
              { pattern: DEVICE_TYPE, message: t('device.deviceTypePattern') },
            ]}
          >
            <Input maxLength={64} className="tt-mono" data-testid="device-type" />
          </Form.Item>
        </FormRow>
        <Form.Item name="assetId" label={t('device.asset')} extra={t('device.assetHelp')}>
          <AssetSelect
            testId="device-asset"
            placeholder={t('device.assetPlaceholder')}
            initial={device?.assetId ? { id: device.assetId, code: device.assetCode ?? '', name: device.assetName ?? '' } : undefined}
          />
        </Form.Item>
        {error && <Alert type="error" showIcon title={describeError(error, t)} />}
      </Form>
    </Modal>
  );
}
