import { useMemo } from 'react';
import { Card, Col, Flex, Progress, Row, Select, Statistic, Table, Tag, Typography } from 'antd';
import type { ProjectIndustry, ProjectStage, ProjectStatisticsView } from '@tiantai/shared';
import { Link, useSearchParams } from 'react-router';
import { EChart } from '@/components/echart';
import type { EChartOption } from '@/components/echart';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { countyThisYear } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import type { Locale, MessageKey, Translate } from '@/lib/i18n';
import { formatMoney, formatMoneyWithUnit, moneyColumn, moneyUnit } from '@/lib/money';
import { useProjectStatistics, useProjectWatchlists } from '../api/projects';
import { stageKey } from './project-tags';

const pct = (share: number) => `${(share * 100).toFixed(2)}%`;
type Bucket = ProjectStatisticsView['total'];

/** A table's money columns, each in one unit chosen from that table's rows (the header carries it). */
function bucketColumns(rows: readonly Bucket[], t: Translate, locale: Locale) {
  const total = moneyColumn(
    rows.map((b) => b.totalInvestmentWan),
    locale,
  );
  const planned = moneyColumn(
    rows.map((b) => b.plannedYearWan),
    locale,
  );
  const completed = moneyColumn(
    rows.map((b) => b.completedYearWan),
    locale,
  );
  return [
    { title: t('projects.stats.count'), dataIndex: 'count', width: 70, align: 'right' as const },
    {
      title: total.title(t('projects.total')),
      dataIndex: 'totalInvestmentWan',
      width: 130,
      align: 'right' as const,
      render: (v: number) => total.cell(v),
    },
    {
      title: planned.title(t('projects.plannedYear')),
      dataIndex: 'plannedYearWan',
      width: 150,
      align: 'right' as const,
      render: (v: number) => planned.cell(v),
    },
    {
      title: completed.title(t('projects.completedYear')),
      key: 'completed',
      width: 170,
      align: 'right' as const,
      render: (_: unknown, b: Bucket) =>
        `${completed.cell(b.completedYearWan)}${b.plannedYearWan ? ` (${Math.round((b.completedYearWan / b.plannedYearWan) * 100)}%)` : ''}`,
    },
  ];
}

/** 百项千万: the year's list by size band, stage, park and industry; the same figures as the county screen. */
export function ProjectStatisticsPage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? countyThisYear());
  const stats = useProjectStatistics(year);
  const watch = useProjectWatchlists(year);
  const data = stats.data;

  const stageOption = useMemo<EChartOption | null>(() => {
    if (!data) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 50, right: 50, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: data.byStage.map((s) => t(stageKey(s.stage))) },
      yAxis: [
        { type: 'value', name: t('projects.stats.count') },
        { type: 'value', name: t('projects.unitYi') },
      ],
      series: [
        { name: t('projects.stats.count'), type: 'bar', data: data.byStage.map((s) => s.count), itemStyle: { color: '#1677ff' } },
        {
          name: t('projects.plannedYear'),
          type: 'line',
          yAxisIndex: 1,
          data: data.byStage.map((s) => Math.round(s.plannedYearWan / 100) / 100),
          itemStyle: { color: '#faad14' },
        },
      ],
    };
  }, [data, t]);

  const monthlyOption = useMemo<EChartOption | null>(() => {
    if (!data) return null;
    const months = Array.from({ length: 12 }, (_, i) => `${data.year}-${String(i + 1).padStart(2, '0')}`);
    let sum = 0;
    const cumulative = months.map((m) => (sum += data.monthly.find((x) => x.month === m)?.completedWan ?? 0));
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: months.map((m) => m.slice(5)) },
      yAxis: { type: 'value', name: t('projects.unitYi') },
      series: [
        {
          name: t('projects.chart.cumulative'),
          type: 'bar',
          data: cumulative.map((v, i) => (months[i]! <= data.today.slice(0, 7) ? Math.round(v / 100) / 100 : null)),
          itemStyle: { color: '#52c41a' },
        },
        {
          name: t('projects.chart.timeProportional'),
          type: 'line',
          data: months.map((_, i) => Math.round((data.total.plannedYearWan * (i + 1)) / 12 / 100) / 100),
          lineStyle: { type: 'dashed' },
          itemStyle: { color: '#faad14' },
          symbol: 'none',
        },
      ],
    };
  }, [data, t]);

  // Figures read side by side share a unit: the three bands' plans, and the year's plan with what is done.
  const bandUnit = moneyUnit(
    (data?.bands ?? []).map((b) => b.plannedYearWan),
    locale,
  );
  const yearUnit = moneyUnit([data?.total.plannedYearWan, data?.total.completedYearWan], locale);
  const yearPercent = data?.total.plannedYearWan ? Math.round((data.total.completedYearWan / data.total.plannedYearWan) * 1000) / 10 : 0;

  return (
    <>
      <PageHeader
        title={t('projects.stats.title')}
        subtitle={t('projects.stats.subtitle')}
        extra={
          <Select
            value={year}
            aria-label={t('common.year')}
            style={{ width: 110 }}
            onChange={(y) => setParams({ year: String(y) }, { replace: true })}
            options={Array.from({ length: 6 }, (_, i) => countyThisYear() - i).map((y) => ({
              value: y,
              label: t('projects.yearLabel', { year: y }),
            }))}
          />
        }
      />
      {stats.isError ? (
        <QueryError error={stats.error} onRetry={() => void stats.refetch()} />
      ) : !data ? (
        <Card loading />
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {data.bands.map((b) => (
              <Col key={b.band} xs={24} md={8}>
                <Card size="small" data-testid={`band-${b.band}`}>
                  <Statistic title={t(`projects.band.${b.band}` as MessageKey)} value={b.count} suffix={t('projects.stats.unitProjects')} />
                  <Typography.Text type="secondary">
                    {t('projects.stats.bandPlanned', {
                      planned: formatMoneyWithUnit(b.plannedYearWan, bandUnit, locale),
                      share: pct(b.shareOfYearPlan),
                    })}
                  </Typography.Text>
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} md={8}>
              <Card size="small" title={t('projects.stats.yearProgress')} data-testid="year-progress">
                <Flex gap={24} wrap>
                  <Statistic
                    title={t('projects.plannedYear')}
                    value={formatMoney(data.total.plannedYearWan, yearUnit, locale)}
                    suffix={yearUnit.label}
                  />
                  <Statistic
                    title={t('projects.completedYear')}
                    value={formatMoney(data.total.completedYearWan, yearUnit, locale)}
                    suffix={yearUnit.label}
                    data-testid="completed-total"
                  />
                </Flex>
                <Progress
                  percent={yearPercent}
                  success={{ percent: Math.round(data.expectedShare * 1000) / 10 }}
                  aria-label={`${t('projects.stats.yearProgress')} ${yearPercent}%`}
                  style={{ marginTop: 8 }}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('projects.stats.expected', { share: pct(data.expectedShare), today: data.today })}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card size="small" title={t('projects.stats.signals')}>
                <Flex gap={24}>
                  <Statistic title={<Tag color="success">{t('projects.signal.green')}</Tag>} value={data.signals.green} />
                  <Statistic title={<Tag color="warning">{t('projects.signal.yellow')}</Tag>} value={data.signals.yellow} />
                  <Statistic title={<Tag color="error">{t('projects.signal.red')}</Tag>} value={data.signals.red} />
                </Flex>
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card size="small" title={t('projects.stats.aims', { year: data.year })}>
                <Flex gap={24}>
                  <Statistic title={t('projects.stats.aimGe100m')} value={data.aims.signedGe100m} suffix={`/ ${data.aims.aimGe100m}`} />
                  <Statistic title={t('projects.stats.aimGe1bn')} value={data.aims.signedGe1bn} suffix={`/ ${data.aims.aimGe1bn}`} />
                </Flex>
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('projects.stats.byStage')}>
                {stageOption && <EChart option={stageOption} height={280} testId="stage-chart" />}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('projects.stats.monthly')}>
                {monthlyOption && <EChart option={monthlyOption} height={280} />}
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('projects.stats.byStage')}>
                <Table
                  size="small"
                  rowKey="stage"
                  pagination={false}
                  dataSource={data.byStage}
                  data-testid="stage-table"
                  columns={[
                    { title: t('projects.stage'), dataIndex: 'stage', render: (s: ProjectStage) => t(stageKey(s)) },
                    ...bucketColumns(data.byStage, t, locale),
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('projects.stats.byIndustry')}>
                <Table
                  size="small"
                  rowKey="industry"
                  pagination={false}
                  dataSource={data.byIndustry}
                  columns={[
                    {
                      title: t('projects.industry'),
                      dataIndex: 'industry',
                      render: (i: ProjectIndustry) => t(`projects.industry.${i}` as MessageKey),
                    },
                    ...bucketColumns(data.byIndustry, t, locale),
                  ]}
                />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('projects.stats.byPark')} style={{ marginBottom: 16 }}>
            <Table
              size="small"
              rowKey={(p) => p.parkId ?? 'none'}
              pagination={false}
              dataSource={data.byPark}
              columns={[
                { title: t('projects.park'), dataIndex: 'parkName', render: (v: string | null) => v ?? t('projects.noPark') },
                ...bucketColumns(data.byPark, t, locale),
              ]}
            />
          </Card>
          {watch.data && (
            <Row gutter={[16, 16]}>
              {(['notStarted', 'stalled', 'belowPromise'] as const).map((list) => (
                <Col key={list} xs={24} lg={8}>
                  <Card size="small" title={`${t(`projects.watch.${list}` as MessageKey)} (${watch.data[list].length})`}>
                    <div style={{ maxHeight: 280, overflowY: 'auto' }}>
                      {watch.data[list].map((p) => (
                        <div key={p.id} style={{ padding: '4px 0', borderBottom: '1px solid #f0f0f0' }}>
                          <Link to={`/projects/${encodeURIComponent(p.id)}`}>{p.name}</Link>
                          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                            {p.investorName} · {t(stageKey(p.stage))}
                            {p.since ? ` · ${p.since}` : ''}
                            {p.detail
                              ? ` · ${list === 'belowPromise' ? t('projects.watch.perMu', { detail: p.detail }) : t('projects.watch.lastInvestment', { month: p.detail })}`
                              : ''}
                          </Typography.Text>
                        </div>
                      ))}
                    </div>
                  </Card>
                </Col>
              ))}
            </Row>
          )}
        </>
      )}
    </>
  );
}
