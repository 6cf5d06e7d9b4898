import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { isApiError } from '@/lib/api-client';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { useChangePassword } from '../api/change-password';

interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangePasswordValues>();
  const changePassword = useChangePassword();
  const [failure, setFailure] = useState<string | null>(null);

  const onFinish = async (values: ChangePasswordValues) => {
    setFailure(null);
    try {
      await changePassword.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      void message.success(t('password.changed'));
      onClose();
    } catch (error) {
      setFailure(isApiError(error, 'INVALID_CREDENTIALS') ? t('password.wrongCurrent') : describeError(error, t));
    }
  };

  return (
    <Modal
      open
      title={t('password.title')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={changePassword.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<ChangePasswordValues> form={form} name="change-password" layout="vertical" onFinish={onFinish}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          rules={[{ required: true }, { min: 8, max: 200, message: t('password.rule') }]}
          extra={t('password.rule')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                if (!value || value === getFieldValue('newPassword')) return;
                throw new Error(t('password.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {failure && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}
