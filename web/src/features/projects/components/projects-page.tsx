import { useState } from 'react';
import { Button, Card, Col, Empty, Flex, Row, Segmented, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { PROJECT_INDUSTRIES, SIGNAL_COLOURS } from '@tiantai/shared';
import type { ProjectIndustry, ProjectStage, ProjectView, SignalColour } from '@tiantai/shared';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { SearchInput } from '@/components/search-input';
import { isEnterpriseRole, useCan, useCurrentUser } from '@/lib/authorization';
import { countyThisYear } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n';
import { formatMoneyWithUnit, moneyColumn, moneyUnit } from '@/lib/money';
import { projectExportUrl, useParkOptions, useProjects } from '../api/projects';
import type { ProjectFilter } from '../api/projects';
import { ProjectFormModal } from './project-form-modal';
import { ProjectImportModal } from './project-import-modal';
import { STAGE_ORDER, SignalTag, StageTag, stageKey } from './project-tags';

/** The pipeline: a table with filters, or a board of cards by stage. */
export function ProjectsPage() {
  const { t, locale } = useI18n();
  const user = useCurrentUser();
  const exports = useCan('projects.statistics');
  const registers = useCan('projects.register');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'board' ? 'board' : 'table';
  const [importing, setImporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const year = countyThisYear();
  const filter: ProjectFilter = {
    q: params.get('q') ?? undefined,
    stage: (params.get('stage') as ProjectStage | null) ?? undefined,
    parkId: params.get('parkId') ?? undefined,
    industry: (params.get('industry') as ProjectIndustry | null) ?? undefined,
    band: (params.get('band') as ProjectFilter['band'] | null) ?? undefined,
    signal: (params.get('signal') as SignalColour | null) ?? undefined,
    page: view === 'board' ? 1 : Number(params.get('page') ?? 1),
    pageSize: view === 'board' ? 500 : Number(params.get('pageSize') ?? 20),
  };
  const projects = useProjects(filter);
  const parks = useParkOptions();
  // From the latest parameters, so a search typed right after switching the view keeps the view.
  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );

  const items = projects.data?.items ?? [];
  // One unit per money column, chosen from the amounts on the page; the header carries it.
  const total = moneyColumn(
    items.map((p) => p.totalInvestmentWan),
    locale,
  );
  const planned = moneyColumn(
    items.map((p) => p.plannedYearWan),
    locale,
  );
  const completed = moneyColumn(
    items.filter((p) => p.plannedYearWan).map((p) => p.completedYearWan),
    locale,
  );
  const columns: TableColumnsType<ProjectView> = [
    {
      title: t('projects.name'),
      dataIndex: 'name',
      minWidth: 240,
      fixed: 'left',
      render: (name: string, p) => <Link to={`/projects/${encodeURIComponent(p.id)}`}>{name}</Link>,
    },
    { title: t('projects.investor'), dataIndex: 'investorName', minWidth: 180, ellipsis: true },
    { title: t('projects.stage'), dataIndex: 'stage', width: 90, render: (s: ProjectStage) => <StageTag stage={s} /> },
    { title: t('projects.signal'), key: 'signal', width: 90, render: (_, p) => <SignalTag signal={p.signal} /> },
    {
      title: total.title(t('projects.total')),
      dataIndex: 'totalInvestmentWan',
      width: 130,
      align: 'right',
      render: (v: number) => total.cell(v),
    },
    {
      title: planned.title(t('projects.plannedYear')),
      dataIndex: 'plannedYearWan',
      width: 150,
      align: 'right',
      render: (v: number | null) => planned.cell(v),
    },
    {
      title: completed.title(t('projects.completedYear')),
      key: 'completed',
      width: 170,
      align: 'right',
      render: (_, p) =>
        p.plannedYearWan ? `${completed.cell(p.completedYearWan)} (${Math.round((p.completedYearWan / p.plannedYearWan) * 100)}%)` : '—',
    },
    { title: t('projects.park'), dataIndex: 'parkName', width: 170, ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: t('projects.industry'),
      dataIndex: 'industry',
      width: 100,
      render: (v: ProjectIndustry) => t(`projects.industry.${v}` as MessageKey),
    },
    {
      title: t('projects.department'),
      dataIndex: 'responsibleDepartmentName',
      width: 150,
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
  ];
  // The board's cards side by side: one unit for all of them.
  const boardUnit = moneyUnit(
    items.map((p) => p.totalInvestmentWan),
    locale,
  );

  return (
    <>
      <PageHeader
        title={isEnterpriseRole(user.role) ? t('projects.ownTitle') : t('projects.title')}
        subtitle={t('projects.subtitle')}
        extra={
          <>
            <Segmented
              value={view}
              onChange={(v) => set({ view: v === 'board' ? 'board' : undefined })}
              options={[
                { value: 'table', label: t('projects.viewTable') },
                { value: 'board', label: t('projects.viewBoard') },
              ]}
              data-testid="projects-view"
            />
            {exports && (
              <Button icon={<DownloadOutlined />} href={projectExportUrl(year)}>
                {t('projects.export')}
              </Button>
            )}
            {registers && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('projects.new')}
              </Button>
            )}
            {registers && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                {t('projects.import')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={8} wrap>
          <SearchInput value={filter.q} onSearch={(q) => set({ q })} placeholder={t('projects.search')} testId="projects-search" />
          {view === 'table' && (
            <Select
              allowClear
              placeholder={t('projects.stage')}
              aria-label={t('projects.stage')}
              style={{ width: 120 }}
              value={filter.stage}
              onChange={(v) => set({ stage: v })}
              options={[...STAGE_ORDER, 'terminated' as const].map((s) => ({ value: s, label: t(stageKey(s)) }))}
            />
          )}
          <Select
            allowClear
            placeholder={t('projects.park')}
            aria-label={t('projects.park')}
            style={{ width: 200 }}
            value={filter.parkId}
            onChange={(v) => set({ parkId: v })}
            options={(parks.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
          <Select
            allowClear
            placeholder={t('projects.industry')}
            aria-label={t('projects.industry')}
            style={{ width: 140 }}
            value={filter.industry}
            onChange={(v) => set({ industry: v })}
            options={PROJECT_INDUSTRIES.map((i) => ({ value: i, label: t(`projects.industry.${i}` as MessageKey) }))}
          />
          <Select
            allowClear
            placeholder={t('projects.band')}
            aria-label={t('projects.band')}
            style={{ width: 140 }}
            value={filter.band}
            onChange={(v) => set({ band: v })}
            options={(['ge10m', 'ge100m', 'ge1bn'] as const).map((b) => ({ value: b, label: t(`projects.band.${b}` as MessageKey) }))}
          />
          <Select
            allowClear
            placeholder={t('projects.signal')}
            aria-label={t('projects.signal')}
            style={{ width: 120 }}
            value={filter.signal}
            onChange={(v) => set({ signal: v })}
            options={SIGNAL_COLOURS.map((c) => ({ value: c, label: t(`projects.signal.${c}` as MessageKey) }))}
          />
        </Flex>
      </Card>
      {projects.isError ? (
        <QueryError error={projects.error} onRetry={() => void projects.refetch()} />
      ) : view === 'table' ? (
        <Table<ProjectView>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={items}
          loading={projects.isFetching}
          scroll={{ x: 1500 }}
          data-testid="projects-table"
          pagination={{
            current: filter.page,
            pageSize: filter.pageSize,
            total: projects.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('projects.total.count', { total }),
            onChange: (page, pageSize) => set({ page: String(page), pageSize: String(pageSize) }),
          }}
        />
      ) : (
        // The board and each column scroll: they take the keyboard focus so that the arrow keys scroll them.
        <Row
          gutter={[12, 12]}
          wrap={false}
          style={{ overflowX: 'auto', paddingBottom: 8 }}
          tabIndex={0}
          role="region"
          aria-label={t('projects.viewBoard')}
          data-testid="projects-board"
        >
          {[...STAGE_ORDER, 'terminated' as const].map((stage) => {
            const inStage = items.filter((p) => p.stage === stage);
            return (
              <Col key={stage} flex="0 0 250px">
                <Card
                  size="small"
                  title={
                    <Flex justify="space-between">
                      <StageTag stage={stage} />
                      <Typography.Text type="secondary">{inStage.length}</Typography.Text>
                    </Flex>
                  }
                  styles={{ body: { padding: 0 } }}
                  data-testid={`board-${stage}`}
                >
                  <div
                    tabIndex={0}
                    role="region"
                    aria-label={`${t(stageKey(stage))} ${inStage.length}`}
                    style={{ maxHeight: 620, overflowY: 'auto', padding: 8, background: '#fafafa' }}
                  >
                    {inStage.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
                    {inStage.map((p) => (
                      <Card
                        key={p.id}
                        size="small"
                        hoverable
                        style={{ marginBottom: 8 }}
                        onClick={() => void navigate(`/projects/${encodeURIComponent(p.id)}`)}
                      >
                        <Typography.Text strong style={{ display: 'block', fontSize: 13 }}>
                          {p.name}
                        </Typography.Text>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                          {p.investorName}
                        </Typography.Text>
                        <Flex justify="space-between" align="center" style={{ marginTop: 4 }}>
                          <Typography.Text style={{ fontSize: 12 }}>
                            {formatMoneyWithUnit(p.totalInvestmentWan, boardUnit, locale)}
                          </Typography.Text>
                          <SignalTag signal={p.signal} />
                        </Flex>
                      </Card>
                    ))}
                  </div>
                </Card>
              </Col>
            );
          })}
        </Row>
      )}
      {importing && <ProjectImportModal year={year} onClose={() => setImporting(false)} />}
      {creating && <ProjectFormModal onClose={() => setCreating(false)} />}
    </>
  );
}
