import { Alert, Button, Form } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useI18n } from '@/lib/i18n';
import { sessionQueryKey } from '../api/get-session';
import { useLogout } from '../api/logout';
import { ChangePasswordForm, type ChangePasswordValues } from './change-password-form';
import { AuthFrame } from './auth-frame';

/** A user who must choose a new password (first sign-in, a password an administrator set) sees only this. */
export function RequiredPasswordPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const logout = useLogout();
  const [form] = Form.useForm<ChangePasswordValues>();

  return (
    <AuthFrame title={t('password.requiredTitle')}>
      <Alert type="info" showIcon title={t('password.requiredHint')} className="tt-login__error" />
      <ChangePasswordForm form={form} size="large" onChanged={() => void queryClient.invalidateQueries({ queryKey: sessionQueryKey })} />
      <Button data-testid="required-password-submit" type="primary" size="large" block onClick={() => form.submit()}>
        {t('password.requiredSubmit')}
      </Button>
      <Button type="link" block onClick={() => logout.mutate()} style={{ marginTop: 8 }}>
        {t('user.logout')}
      </Button>
    </AuthFrame>
  );
}
