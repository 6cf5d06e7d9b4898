import { App, Form, Modal } from 'antd';
import { useI18n } from '@/lib/i18n';
import { ChangePasswordForm, type ChangePasswordValues } from './change-password-form';

export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangePasswordValues>();

  return (
    <Modal
      open
      title={t('password.title')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ChangePasswordForm
        form={form}
        onChanged={() => {
          void message.success(t('password.changed'));
          onClose();
        }}
      />
    </Modal>
  );
}
