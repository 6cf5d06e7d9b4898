import { Button, Result, Spin } from 'antd';
import { LoginPage } from '@/features/auth/components/login-page';
import { RequiredPasswordPage } from '@/features/auth/components/required-password-page';
import { useSession } from '@/features/auth/api/get-session';
import { CurrentUserProvider } from '@/lib/authorization';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { AppLayout } from './app-layout';

/** Whoever is not signed in sees the login page at any address; after login the same address opens. */
export function AuthGate() {
  const { t } = useI18n();
  const session = useSession();

  if (session.isPending) {
    return (
      <div className="tt-fullpage">
        <Spin size="large" />
      </div>
    );
  }
  if (session.isError) {
    return (
      <div className="tt-fullpage">
        <Result
          status="warning"
          title={t('error.serverUnreachable')}
          subTitle={describeError(session.error, t)}
          extra={
            <Button type="primary" onClick={() => void session.refetch()}>
              {t('action.retry')}
            </Button>
          }
        />
      </div>
    );
  }
  if (!session.data) return <LoginPage />;
  if (session.data.mustChangePassword) return <RequiredPasswordPage />;
  return (
    <CurrentUserProvider user={session.data.user}>
      <AppLayout />
    </CurrentUserProvider>
  );
}
