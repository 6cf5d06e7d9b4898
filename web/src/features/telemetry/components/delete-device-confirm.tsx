import type { ReactNode } from 'react';
import { App, Popconfirm } from 'antd';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { useDeleteDevice } from '../api/delete-device';

/** Asks before a device goes (its data and token with it); `children` is the button that asks. */
export function DeleteDeviceConfirm({
  device,
  onDeleted,
  children,
}: {
  device: { id: string; name: string };
  onDeleted?: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const remove = useDeleteDevice();
  return (
    <Popconfirm
      title={t('devices.deleteConfirm', { name: device.name })}
      description={t('devices.deleteHint')}
      okText={t('action.delete')}
      okButtonProps={{ danger: true }}
      cancelText={t('action.cancel')}
      onConfirm={async () => {
        try {
          await remove.mutateAsync(device.id);
          void message.success(t('devices.deleted'));
          onDeleted?.();
        } catch (error) {
          void message.error(describeError(error, t));
        }
      }}
    >
      {children}
    </Popconfirm>
  );
}
