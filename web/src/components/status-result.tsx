import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n';

export function NotFoundResult() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('result.notFoundTitle')}
      subTitle={t('result.pageNotFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('action.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function ForbiddenResult() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={t('result.forbiddenTitle')}
      subTitle={t('result.forbiddenText')}
      extra={
        <Link to="/">
          <Button type="primary">{t('action.backHome')}</Button>
        </Link>
      }
    />
  );
}
