import { useState } from 'react';
import { Alert, Form, Input, type FormInstance } from 'antd';
import { isApiError } from '@/lib/api-client';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { notCommon } from '@/lib/password-rule';
import { useChangePassword } from '../api/change-password';

export interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Current, new and confirmed password; the dialog in the user menu and the first-sign-in page both use it. */
export function ChangePasswordForm({
  form,
  onChanged,
  size,
}: {
  form: FormInstance<ChangePasswordValues>;
  onChanged: () => void;
  size?: 'large';
}) {
  const { t } = useI18n();
  const changePassword = useChangePassword();
  const [failure, setFailure] = useState<string | null>(null);

  const onFinish = async (values: ChangePasswordValues) => {
    setFailure(null);
    try {
      await changePassword.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      onChanged();
    } catch (error) {
      if (isApiError(error, 'INVALID_CREDENTIALS')) setFailure(t('password.wrongCurrent'));
      else if (isApiError(error, 'VALIDATION_FAILED')) setFailure(t('password.notNew'));
      else setFailure(describeError(error, t));
    }
  };

  return (
    <Form<ChangePasswordValues>
      form={form}
      name="change-password"
      layout="vertical"
      size={size}
      onFinish={onFinish}
      disabled={changePassword.isPending}
    >
      <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}>
        <Input.Password autoComplete="current-password" autoFocus />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        rules={[{ required: true }, { min: 8, max: 200, message: t('password.rule') }, notCommon(t('password.common'))]}
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
      {failure && <Alert type="error" showIcon title={failure} role="alert" style={{ marginBottom: 16 }} />}
    </Form>
  );
}
