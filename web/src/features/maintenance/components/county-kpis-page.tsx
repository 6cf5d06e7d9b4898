import { Card, Flex, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { SharedEnterpriseKpiRowView } from '@tiantai/shared';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { formatNumber } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useCountyKpis } from '../api/get-county-kpis';
import { CountyAssetSharingCard } from './county-asset-sharing-card';
import { KpiPeriodPicker, periodText } from './kpi-period';
import { KpiTiles } from './kpi-tiles';

const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

/**
 * The county sees the roll-up over every enterprise and how many there are — and one enterprise's totals only
 * when that enterprise chose to share them.
 */
export function CountyKpisPage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const kpis = useCountyKpis({ from, to });

  const hours = (value: number | null) => formatNumber(value, locale, 1);
  const columns: TableColumnsType<SharedEnterpriseKpiRowView> = [
    { title: t('kpis.county.enterprise'), dataIndex: 'enterpriseName', minWidth: 180, fixed: 'left', ellipsis: true },
    { title: t('kpis.assets'), dataIndex: 'assets', width: 80 },
    { title: t('kpis.failures'), dataIndex: 'failures', width: 90 },
    { title: t('kpis.downtimeHours'), dataIndex: 'downtimeHours', width: 100, render: (v: number) => hours(v) },
    { title: 'MTBF (h)', dataIndex: 'mtbfHours', width: 100, render: (v: number | null) => hours(v) },
    { title: 'MTTR (h)', dataIndex: 'mttrHours', width: 100, render: (v: number | null) => hours(v) },
    { title: t('kpis.availability'), dataIndex: 'availability', width: 110, render: (v: number | null) => percent(v) },
    { title: t('kpis.pmCompliance'), dataIndex: 'pmCompliance', width: 130, render: (v: number | null) => percent(v) },
    { title: t('kpis.overdue'), dataIndex: 'overdue', width: 90 },
    { title: t('kpis.moldsNearEnd'), dataIndex: 'moldsNearEnd', width: 120 },
  ];

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
                {t('kpis.period')}：{periodText(kpis.data.from, kpis.data.to)}
              </Typography.Text>
            </Card>
            <KpiTiles total={kpis.data.total} />
            <Card size="small" title={t('kpis.county.shared')}>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('kpis.county.sharedNote')}
              </Typography.Paragraph>
              <Table<SharedEnterpriseKpiRowView>
                rowKey="key"
                columns={columns}
                dataSource={kpis.data.sharedEnterprises}
                loading={kpis.isFetching}
                size="small"
                scroll={{ x: 1100 }}
                pagination={false}
                locale={{ emptyText: t('kpis.county.sharedEmpty') }}
                data-testid="county-shared-table"
              />
            </Card>
            <CountyAssetSharingCard />
          </>
        )
      )}
    </>
  );
}
