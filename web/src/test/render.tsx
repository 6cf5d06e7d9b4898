// Renders a component as the app does (i18n, react-query, antd's theme and App, a router), with a chosen
// language, signed-in user and URL, and a query client that does not retry so failures show at once.
import type { ReactElement, ReactNode } from 'react';
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { MemoryRouter } from 'react-router';
import { ROLE_ORGANISATION_KIND, type Role, type UserView } from '@tiantai/shared';
import { appTheme } from '@/app/theme';
import { CurrentUserProvider } from '@/lib/authorization';
import { I18nProvider, useI18n, type Locale } from '@/lib/i18n';

export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
}

/** A user of the given role, as GET /api/auth/session would describe them. */
export function makeUser(role: Role, overrides: Partial<UserView> = {}): UserView {
  const kind = ROLE_ORGANISATION_KIND[role];
  return {
    id: `user-${role}`,
    username: role.replace('_', '.'),
    displayName: `Test ${role}`,
    role,
    organisationId: `org-${kind}`,
    organisationName: kind === 'county' ? '天台县' : kind === 'department' ? '县经济和信息化局' : '浙江天台测试机械有限公司',
    organisationKind: kind,
    phone: null,
    active: true,
    createdAt: '2026-01-05T08:00:00.000Z',
    ...overrides,
  };
}

function ThemedAntd({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={appTheme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export interface RenderOptions {
  /** The language the user chose (kept where I18nProvider reads it); zh-CN by default, as for a new visitor. */
  locale?: Locale;
  /** The signed-in user; none renders outside CurrentUserProvider. */
  user?: UserView;
  /** The URL the page is opened at. */
  route?: string;
  queryClient?: QueryClient;
}

export function renderWithProviders(ui: ReactElement, options: RenderOptions = {}) {
  window.localStorage.setItem('tt.locale', options.locale ?? 'zh-CN');
  const queryClient = options.queryClient ?? testQueryClient();
  const withUser = options.user ? <CurrentUserProvider user={options.user}>{ui}</CurrentUserProvider> : ui;
  const result = render(
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <ThemedAntd>
          <MemoryRouter initialEntries={[options.route ?? '/']}>{withUser}</MemoryRouter>
        </ThemedAntd>
      </QueryClientProvider>
    </I18nProvider>,
  );
  return { ...result, queryClient };
}
