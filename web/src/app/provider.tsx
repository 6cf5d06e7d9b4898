import { useState } from 'react';
import type { ReactNode } from 'react';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { sessionQueryKey } from '@/features/auth/api/get-session';
import { isApiError } from '@/lib/api-client';
import { I18nProvider, useI18n } from '@/lib/i18n';
import { usePrefersReducedMotion } from '@/lib/reduced-motion';
import { appTheme } from './theme';

function createQueryClient(): QueryClient {
  // A 401 anywhere means the session ended (expired or revoked): forget the user, which shows the login page.
  const onError = (error: unknown) => {
    if (isApiError(error, 'UNAUTHENTICATED')) client.setQueryData(sessionQueryKey, null);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will not change by asking again.
        retry: (failures, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && failures < 2,
      },
    },
  });
  return client;
}

// antd's own switch for every component's motion (dialogs, drop-downs, messages, tabs).
const stillTheme = { ...appTheme, token: { ...appTheme.token, motion: false } };

function ThemedAntd({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  const reducedMotion = usePrefersReducedMotion();
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={reducedMotion ? stillTheme : appTheme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <ThemedAntd>{children}</ThemedAntd>
      </QueryClientProvider>
    </I18nProvider>
  );
}
