import { Card, Empty, Flex, Skeleton, Tag, Typography, theme } from 'antd';
import { Link } from 'react-router';
import type { PlanStatus, PlanView } from '@tiantai/shared';
import { QueryError } from '@/components/query-error';
import { formatDateTime, formatNumber } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useAssetPlans } from '../api/get-asset-plans';

/** Green while in time, gold in the warning share, orange when due, red past due. */
const PLAN_STATUS_COLOURS: Record<PlanStatus, string> = { OK: 'green', WARNING: 'gold', DUE: 'orange', OVERDUE: 'red' };

function NextDue({ plan }: { plan: PlanView }) {
  const { t, locale } = useI18n();
  const status = plan.status;
  if (!status) return null;
  const text =
    status.dueAt !== null
      ? t('assetPlans.nextAt', { point: formatDateTime(status.dueAt) })
      : t('assetPlans.nextCounter', {
          point: formatNumber(status.dueCounter, locale, 0),
          unit: t(`intervalUnit.${plan.intervalUnit}`),
          now: formatNumber(status.counterValue, locale, 0),
        });
  return (
    <Typography.Text type={status.status === 'OVERDUE' ? 'danger' : 'secondary'} style={{ fontSize: 12 }} data-testid="asset-plan-due">
      {text}
    </Typography.Text>
  );
}

function PlanRow({ plan, first }: { plan: PlanView; first: boolean }) {
  const { t, locale } = useI18n();
  const { token } = theme.useToken();
  return (
    <Flex
      vertical
      gap={4}
      style={{ paddingBlock: 8, borderTop: first ? undefined : `1px solid ${token.colorBorderSecondary}` }}
      data-testid="asset-plan"
      data-status={plan.status?.status ?? 'none'}
    >
      <Flex justify="space-between" align="start" gap={8}>
        <Typography.Text strong style={{ minWidth: 0 }} ellipsis={{ tooltip: plan.name }}>
          {plan.name}
        </Typography.Text>
        {plan.status ? (
          <Tag color={PLAN_STATUS_COLOURS[plan.status.status]} style={{ marginInlineEnd: 0 }} data-testid="asset-plan-status">
            {t(`planStatus.${plan.status.status}`)}
          </Tag>
        ) : (
          !plan.active && <Tag style={{ marginInlineEnd: 0 }}>{t('plan.inactive')}</Tag>
        )}
      </Flex>
      <Flex gap={8} wrap align="center">
        <Tag style={{ marginInlineEnd: 0 }}>{t(`planLevel.${plan.level}`)}</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('plan.every', { value: formatNumber(plan.intervalValue, locale, 0), unit: t(`intervalUnit.${plan.intervalUnit}`) })}
        </Typography.Text>
      </Flex>
      <NextDue plan={plan} />
    </Flex>
  );
}

/** The asset's maintenance plans, each with where it stands and when it falls due next. */
export function AssetPlansCard({ assetId }: { assetId: string }) {
  const { t } = useI18n();
  const plans = useAssetPlans(assetId);
  return (
    <Card
      size="small"
      title={t('assetPlans.title')}
      extra={<Link to="/maintenance/plans">{t('assetPlans.manage')}</Link>}
      data-testid="asset-plans"
    >
      {plans.isPending ? (
        <Skeleton active title={false} paragraph={{ rows: 3 }} />
      ) : plans.isError ? (
        <QueryError error={plans.error} onRetry={() => void plans.refetch()} />
      ) : plans.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assetPlans.empty')} />
      ) : (
        <Flex vertical>
          {plans.data.map((plan, i) => (
            <PlanRow key={plan.id} plan={plan} first={i === 0} />
          ))}
        </Flex>
      )}
    </Card>
  );
}
