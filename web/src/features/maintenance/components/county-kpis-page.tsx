import { Card, Flex, Statistic, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { formatDate, formatNumber } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useCountyKpis } from '../api/get-county-kpis';
import { KpiPeriodPicker, lastDayOf } from './kpi-period';
import { KpiTiles } from './kpi-tiles';

/** The county sees the roll-up over every enterprise and how many there are — never one enterprise's detail. */
export function CountyKpisPage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const kpis = useCountyKpis({ from, to });

  return (
    <>
      <PageHeader
        title={t('kpis.county.title')}
        subtitle={t('kpis.county.subtitle')}
        extra={
          <KpiPeriodPicker
            value={{ from, to }}
            onChange={(period) => {
              const next = new URLSearchParams();
              if (period.from) next.set('from', period.from);
              if (period.to) next.set('to', period.to);
              setParams(next, { replace: true });
            }}
          />
        }
      />
      {kpis.isError ? (
        <QueryError error={kpis.error} onRetry={() => void kpis.refetch()} />
      ) : (
        kpis.data && (
          <>
            <Card size="small" style={{ marginBottom: 16 }}>
              <Flex gap={32} wrap>
                <Statistic title={t('kpis.county.enterprises')} value={kpis.data.enterprises} />
                <Statistic title={t('kpis.assets')} value={kpis.data.total.assets} />
                <Statistic title={t('kpis.downtimeHours')} value={formatNumber(kpis.data.total.downtimeHours, locale, 1)} />
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('kpis.period')}：{formatDate(kpis.data.from)} — {formatDate(lastDayOf(kpis.data.to))}
              </Typography.Text>
            </Card>
            <KpiTiles total={kpis.data.total} />
          </>
        )
      )}
    </>
  );
}
