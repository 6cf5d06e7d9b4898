import { App, Button, Modal, Popconfirm, Skeleton } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { DeviceCredentialsView, DeviceKind } from '@tiantai/shared';
import { QueryError } from '@/components/query-error';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { useCredentials, useRotateToken } from '../api/device-credentials';
import { CredentialsPanel } from './credentials-panel';

/**
 * A device's credentials for the enterprise admin: given right after creation (no request needed), or
 * read from the server; the token can be replaced, which cuts off whatever used the old one.
 */
export function CredentialsModal({
  deviceId,
  deviceName,
  kind,
  created,
  onClose,
}: {
  deviceId: string;
  deviceName: string;
  kind: DeviceKind;
  created?: DeviceCredentialsView;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const read = useCredentials(deviceId, !created);
  const rotate = useRotateToken();
  const credentials = rotate.data ?? read.data ?? created;

  return (
    <Modal
      open
      width={720}
      title={t(created ? 'credentials.createdTitle' : 'credentials.title', { name: deviceName })}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Popconfirm
          key="rotate"
          title={t('credentials.rotateConfirm')}
          description={t('credentials.rotateHint')}
          okText={t('credentials.rotate')}
          okButtonProps={{ danger: true }}
          cancelText={t('action.cancel')}
          onConfirm={async () => {
            try {
              await rotate.mutateAsync(deviceId);
              void message.success(t('credentials.rotated'));
            } catch (error) {
              void message.error(describeError(error, t));
            }
          }}
        >
          <Button danger icon={<ReloadOutlined />} loading={rotate.isPending} data-testid="rotate-token">
            {t('credentials.rotate')}
          </Button>
        </Popconfirm>,
        <Button key="close" type="primary" onClick={onClose} data-testid="credentials-close">
          {t('action.close')}
        </Button>,
      ]}
    >
      {credentials ? (
        <CredentialsPanel credentials={credentials} kind={kind} />
      ) : read.isError ? (
        <QueryError error={read.error} onRetry={() => void read.refetch()} />
      ) : (
        <Skeleton active paragraph={{ rows: 6 }} />
      )}
    </Modal>
  );
}
