import { useState } from 'react';
import { Button, Card, Col, Descriptions, Flex, Modal, Progress, Row, Select, Table, Typography } from 'antd';
import type { IndicatorYearView, TaskView } from '@tiantai/shared';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { countyThisYear } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { moneyColumn } from '@/lib/money';
import { useDrill, useTargetTree } from '../api/targets';
import { useCan } from '@/lib/authorization';
import { IndicatorYearModal } from './indicator-year-modal';
import { IndicatorStatusTag, TaskStatusTag, growth } from './target-tags';

/** 目标树: each county target → its yearly roadmap → the year's tasks and responsible departments. */
export function TargetTreePage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? countyThisYear());
  const tree = useTargetTree(year);
  const [drill, setDrill] = useState<{ id: string; name: string } | null>(null);
  const [editing, setEditing] = useState<{ indicator: { id: string; nameZh: string; unit: string }; row: IndicatorYearView } | null>(null);
  const isAdmin = useCan('targets.manage');

  return (
    <>
      <PageHeader
        title={t('targets.title')}
        subtitle={t('targets.subtitle')}
        extra={
          <>
            <Select
              value={year}
              aria-label={t('common.year')}
              style={{ width: 110 }}
              onChange={(y) => setParams({ year: String(y) }, { replace: true })}
              options={Array.from({ length: 7 }, (_, i) => countyThisYear() - i).map((y) => ({
                value: y,
                label: t('projects.yearLabel', { year: y }),
              }))}
              data-testid="targets-year"
            />
            <Link to="/targets/tasks">
              <Button>{t('nav.responsibilities')}</Button>
            </Link>
          </>
        }
      />
      {tree.isError ? (
        <QueryError error={tree.error} onRetry={() => void tree.refetch()} />
      ) : !tree.data ? (
        <Card loading />
      ) : (
        tree.data.indicators.map((indicator) => (
          <Card
            key={indicator.id}
            size="small"
            style={{ marginBottom: 16 }}
            data-testid={`indicator-${indicator.code}`}
            title={
              <Flex gap={8} align="center" wrap>
                <Typography.Text strong>{indicator.nameZh}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('targets.targetLine', {
                    year: indicator.targetYear,
                    value: indicator.targetValue,
                    unit: indicator.unit,
                    note: indicator.targetNote ?? '',
                  })}
                </Typography.Text>
              </Flex>
            }
            extra={
              indicator.drillKind && (
                <Button size="small" onClick={() => setDrill({ id: indicator.id, name: indicator.nameZh })}>
                  {t(indicator.drillKind === 'projects' ? 'targets.drillProjects' : 'targets.drillEnterprises')}
                </Button>
              )
            }
          >
            <Row gutter={[16, 12]}>
              <Col xs={24} lg={10}>
                <Descriptions size="small" column={1} style={{ marginBottom: 8 }}>
                  <Descriptions.Item label={t('targets.base')}>
                    {indicator.baseYear} · {indicator.baseValue} {indicator.unit}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('targets.growthFromBase')}>{growth(indicator.requiredGrowthFromBase)}</Descriptions.Item>
                  <Descriptions.Item label={t('targets.growthFromLatest')}>{growth(indicator.requiredGrowthFromLatest)}</Descriptions.Item>
                </Descriptions>
                {isAdmin && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('targets.editHint')}
                  </Typography.Text>
                )}
                <Table<IndicatorYearView>
                  size="small"
                  rowKey="year"
                  pagination={false}
                  dataSource={indicator.years}
                  rowClassName={(y) => (y.year === year ? 'ant-table-row-selected' : '')}
                  onRow={(row) =>
                    isAdmin && row.year !== indicator.baseYear
                      ? { onClick: () => setEditing({ indicator, row }), style: { cursor: 'pointer' } }
                      : {}
                  }
                  columns={[
                    { title: t('targets.year'), dataIndex: 'year', width: 60 },
                    { title: t('targets.yearTarget'), dataIndex: 'targetValue', render: (v: number | null) => v ?? '—' },
                    {
                      title: t('targets.actual'),
                      key: 'actual',
                      render: (_, y) =>
                        y.actualValue === null
                          ? '—'
                          : `${y.actualValue}${y.actualThrough ? ` (${t('targets.through', { month: y.actualThrough.slice(5) })})` : ''}`,
                    },
                    {
                      title: t('targets.yearStatus'),
                      key: 'status',
                      render: (_, y) => (y.year === indicator.baseYear ? t('targets.base') : <IndicatorStatusTag status={y.status} />),
                    },
                  ]}
                />
              </Col>
              <Col xs={24} lg={14}>
                <Typography.Text strong>{t('targets.tasksOfYear', { year })}</Typography.Text>
                <Table<TaskView>
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={indicator.tasks}
                  locale={{ emptyText: t('targets.noTasks') }}
                  columns={[
                    { title: t('targets.task'), dataIndex: 'title' },
                    { title: t('targets.department'), dataIndex: 'departmentName', width: 150, ellipsis: true },
                    { title: t('targets.deadline'), dataIndex: 'deadline', width: 100 },
                    {
                      title: t('targets.progress'),
                      key: 'progress',
                      width: 150,
                      render: (_, task) => (
                        <Progress
                          percent={task.progress}
                          size="small"
                          aria-label={`${task.title} ${t('targets.progress')} ${task.progress}%`}
                          success={{ percent: task.expectedProgress, strokeColor: '#faad1455' }}
                        />
                      ),
                    },
                    {
                      title: t('targets.status'),
                      dataIndex: 'status',
                      width: 80,
                      render: (s: TaskView['status']) => <TaskStatusTag status={s} />,
                    },
                  ]}
                />
              </Col>
            </Row>
          </Card>
        ))
      )}
      {drill && <DrillDialog indicator={drill} year={year} onClose={() => setDrill(null)} />}
      {editing && (
        <IndicatorYearModal indicator={editing.indicator} year={editing.row.year} current={editing.row} onClose={() => setEditing(null)} />
      )}
    </>
  );
}

function DrillDialog({ indicator, year, onClose }: { indicator: { id: string; name: string }; year: number; onClose: () => void }) {
  const { t, locale } = useI18n();
  const drill = useDrill(indicator.id, year);
  // The projects' amounts in one unit, named in the header (万元 or 亿元, from the middle amount).
  const completed = moneyColumn(
    (drill.data?.items ?? []).map((item) => item.valueWan),
    locale,
  );
  return (
    <Modal open width={820} title={t('targets.drillTitle', { name: indicator.name, year })} onCancel={onClose} footer={null}>
      {drill.isError ? (
        <QueryError error={drill.error} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          loading={drill.isFetching}
          dataSource={drill.data?.items ?? []}
          pagination={{ pageSize: 10, size: 'small', showTotal: (total) => t('projects.total.count', { total }) }}
          columns={[
            {
              title: t('targets.drillName'),
              dataIndex: 'name',
              render: (name: string, item: { id: string }) =>
                drill.data?.kind === 'projects' ? (
                  <Link to={`/projects/${encodeURIComponent(item.id)}`}>{name}</Link>
                ) : (
                  <Link to={`/enterprises/${encodeURIComponent(item.id)}`}>{name}</Link>
                ),
            },
            { title: t('projects.park'), dataIndex: 'parkName', render: (v: string | null) => v ?? '—' },
            drill.data?.kind === 'projects'
              ? {
                  title: completed.title(t('projects.completedYear')),
                  dataIndex: 'valueWan',
                  align: 'right' as const,
                  render: (v: number | null) => completed.cell(v),
                }
              : { title: t('targets.industryCode'), dataIndex: 'detail' },
          ]}
        />
      )}
    </Modal>
  );
}
