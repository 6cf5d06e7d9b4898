import type { ReactNode } from 'react';
import { Spin } from 'antd';
import { useSearchParams } from 'react-router';
import { LoginPage } from '@/features/auth/components/login-page';
import { useSession } from '@/features/auth/api/get-session';
import { CurrentUserProvider } from '@/lib/authorization';

/**
 * The big screens fill the window, without the app's menu. A kiosk address (`?token=`) opens without a
 * login (the token allows that one screen only); otherwise the user signs in first, as everywhere.
 */
export function ScreenGate({ children }: { children: ReactNode }) {
  const [search] = useSearchParams();
  return search.has('token') ? children : <SignedInScreen>{children}</SignedInScreen>;
}

function SignedInScreen({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session.isPending) {
    return (
      <div className="tt-fullpage">
        <Spin size="large" />
      </div>
    );
  }
  if (!session.data) return <LoginPage />;
  return <CurrentUserProvider user={session.data.user}>{children}</CurrentUserProvider>;
}
