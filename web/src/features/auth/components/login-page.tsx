import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { LoginBody } from '@tiantai/shared';
import { isApiError } from '@/lib/api-client';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { useLogin } from '../api/login';
import { AuthFrame } from './auth-frame';

export function LoginPage() {
  const { t } = useI18n();
  const loginMutation = useLogin();
  const [failure, setFailure] = useState<string | null>(null);

  const onFinish = (values: LoginBody) => {
    setFailure(null);
    loginMutation.mutate(
      { username: values.username.trim(), password: values.password },
      {
        onError: (error) => {
          if (isApiError(error, 'INVALID_CREDENTIALS')) setFailure(t('login.invalidCredentials'));
          else if (isApiError(error, 'RATE_LIMITED')) setFailure(t('login.rateLimited'));
          else if (isApiError(error, 'PASSWORD_LOCAL_ONLY')) setFailure(t('login.localOnly'));
          else setFailure(describeError(error, t));
        },
      },
    );
  };

  return (
    <AuthFrame
      title={t('app.name')}
      subtitle={t('login.subtitle')}
      footer={<Typography.Text className="tt-login__footer">{t('login.footer')}</Typography.Text>}
    >
      <Form<LoginBody> layout="vertical" size="large" requiredMark={false} onFinish={onFinish} autoComplete="on">
        <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus placeholder={t('login.usernamePlaceholder')} />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder={t('login.passwordPlaceholder')} />
        </Form.Item>
        {failure && <Alert type="error" showIcon title={failure} className="tt-login__error" role="alert" />}
        <Button data-testid="login-submit" type="primary" htmlType="submit" block loading={loginMutation.isPending}>
          {t('login.submit')}
        </Button>
      </Form>
    </AuthFrame>
  );
}
