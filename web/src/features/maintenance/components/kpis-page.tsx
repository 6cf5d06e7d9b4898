import { useMemo } from 'react';
import { Card, Flex, Segmented, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';

import { KPI_GROUPS } from '@tiantai/shared';
import type { KpiRowView } from '@tiantai/shared';
import { EChart } from '@/components/echart';
import type { EChartOption } from '@/components/echart';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { formatNumber } from '@/lib/format';
import { useUrlFilter } from '@/lib/url-filter';
import { useI18n } from '@/lib/i18n';
import { useKpis } from '../api/get-kpis';
import { SharingSwitch } from '@/components/sharing-switch';
import { useSetSharing, useSharing } from '../api/maintenance-sharing';
import { KpiPeriodPicker, periodText } from './kpi-period';
import { KpiTiles } from './kpi-tiles';

type KpiGroup = (typeof KPI_GROUPS)[number];
const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

/** The enterprise's choice to show the county its maintenance figures. */
function KpiSharingSwitch() {
  return (
    <SharingSwitch
      sharing={useSharing()}
      setSharing={useSetSharing()}
      permission="maintenance.manage"
      messages={{ label: 'kpis.sharing.label', on: 'kpis.sharing.on', off: 'kpis.sharing.off' }}
      testId="kpi-sharing"
    />
  );
}

export function KpisPage() {
  const { t, locale } = useI18n();
  const { params, update } = useUrlFilter();
  const groupBy: KpiGroup = KPI_GROUPS.find((g) => g === params.get('groupBy')) ?? 'plant';
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const kpis = useKpis({ from, to, groupBy });

  const rows = kpis.data?.rows;
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
      xAxis: {
        type: 'category',
        data: (rows ?? []).map((r) => r.label),
        axisLabel: { interval: 0, rotate: (rows?.length ?? 0) > 6 ? 30 : 0 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: t('kpis.failures'), data: (rows ?? []).map((r) => r.failures), itemStyle: { color: '#fa541c' } },
        {
          type: 'bar',
          name: t('kpis.downtimeHours'),
          data: (rows ?? []).map((r) => Number(r.downtimeHours.toFixed(1))),
          itemStyle: { color: '#1677ff' },
        },
        { type: 'bar', name: t('kpis.overdue'), data: (rows ?? []).map((r) => r.overdue), itemStyle: { color: '#faad14' } },
      ],
    }),
    [rows, t],
  );

  const hours = (value: number | null) => formatNumber(value, locale, 1);
  const columns: TableColumnsType<KpiRowView> = [
    { title: t('kpis.group'), dataIndex: 'label', minWidth: 160, fixed: 'left', ellipsis: true },
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
        title={t('kpis.title')}
        subtitle={kpis.data ? `${t('kpis.period')}：${periodText(kpis.data.from, kpis.data.to)}` : t('kpis.subtitle')}
        extra={
          <Flex gap={8} wrap align="center">
            <KpiSharingSwitch />
            <KpiPeriodPicker value={{ from, to }} onChange={(period) => update({ from: period.from, to: period.to })} />
            <Segmented<KpiGroup>
              value={groupBy}
              onChange={(value) => update({ groupBy: value })}
              options={KPI_GROUPS.map((g) => ({ value: g, label: t(`kpis.group.${g}`) }))}
              data-testid="kpi-group"
            />
          </Flex>
        }
      />
      {kpis.isError ? (
        <QueryError error={kpis.error} onRetry={() => void kpis.refetch()} />
      ) : (
        <>
          {kpis.data && <KpiTiles total={kpis.data.total} />}
          <Card size="small" style={{ marginBottom: 16 }}>
            {rows && rows.length === 0 ? (
              <Typography.Text type="secondary">{t('kpis.empty')}</Typography.Text>
            ) : (
              <EChart option={option} height={300} testId="kpi-chart" />
            )}
          </Card>
          <Card size="small">
            <Table<KpiRowView>
              rowKey="key"
              columns={columns}
              dataSource={rows ?? []}
              loading={kpis.isFetching}
              size="small"
              scroll={{ x: 1100 }}
              pagination={false}
              locale={{ emptyText: t('kpis.empty') }}
              data-testid="kpi-table"
            />
          </Card>
        </>
      )}
    </>
  );
}
