import { Alert, Button, Result } from 'antd';
import { isApiError } from '@/lib/api-client';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';

/** What a page shows when its data could not be loaded: 403 and 404 as results, anything else as an alert. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  if (isApiError(error) && error.status === 404) {
    return <Result status="404" title={t('result.notFoundTitle')} subTitle={t('result.notFoundText')} />;
  }
  if (isApiError(error) && error.status === 403) {
    return <Result status="403" title={t('result.forbiddenTitle')} subTitle={t('result.forbiddenText')} />;
  }
  return (
    <Alert
      type="error"
      showIcon
      title={t('error.loadFailed')}
      description={describeError(error, t)}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('action.retry')}
          </Button>
        )
      }
    />
  );
}
