import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Row,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { EditOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import type { MilestoneView, ProjectDetailView, ProjectStage } from '@tiantai/shared';
import { Link, useParams } from 'react-router';
import { EChart } from '@/components/echart';
import type { EChartOption } from '@/components/echart';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { can, useCurrentUser } from '@/lib/authorization';
import { describeError } from '@/lib/error-message';
import { countyToday, formatDateTime, formatWan } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n';
import { formatMoneyPair } from '@/lib/money';
import {
  useFileProjectRequest,
  useMoveProject,
  useProject,
  useRecordInvestment,
  useRequestCategories,
  useAddMilestone,
  useUpdateMilestone,
} from '../api/projects';
import { ProjectEditModal } from './project-form-modal';
import { STAGE_ORDER, SignalTag, StageTag, stageKey } from './project-tags';

export function ProjectDetailPage() {
  const { id = '' } = useParams();
  const project = useProject(id);
  if (project.isError) return <QueryError error={project.error} onRetry={() => void project.refetch()} />;
  if (!project.data) return <Card loading />;
  return <ProjectDetail project={project.data} key={project.data.id} />;
}

function ProjectDetail({ project }: { project: ProjectDetailView }) {
  const { t, locale } = useI18n();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const move = useMoveProject(project.id);
  const [terminating, setTerminating] = useState(false);
  const [filing, setFiling] = useState(false);
  const [editing, setEditing] = useState(false);

  const doMove = (to: ProjectStage, reason?: string) =>
    move.mutate(
      { to, ...(reason && { reason }) },
      {
        onSuccess: () => void message.success(t('projects.moved', { stage: t(stageKey(to)) })),
        onError: (error) => void message.error(describeError(error, t)),
      },
    );
  const current = project.stage === 'terminated' ? -1 : STAGE_ORDER.indexOf(project.stage);
  const stageDate: Partial<Record<ProjectStage, string | null>> = {
    signed: project.signedOn,
    started: project.startedOn,
    producing: project.producingOn,
  };
  for (const e of project.stageEvents) if (!stageDate[e.toStage]) stageDate[e.toStage] = e.on;

  return (
    <>
      <PageHeader
        title={
          <Space>
            {project.name}
            <StageTag stage={project.stage} />
            <SignalTag signal={project.signal} />
          </Space>
        }
        subtitle={project.investorName}
        extra={
          <>
            {project.allowedStages
              .filter((s) => s !== 'terminated')
              .map((s) => (
                <Button key={s} type="primary" loading={move.isPending} onClick={() => doMove(s)} data-testid={`move-${s}`}>
                  {t('projects.moveTo', { stage: t(stageKey(s)) })}
                </Button>
              ))}
            {project.allowedStages.includes('terminated') && (
              <Button danger onClick={() => setTerminating(true)}>
                {t('projects.terminate')}
              </Button>
            )}
            {can(user.role, 'requests.file') && project.canReportProgress && (
              <Button onClick={() => setFiling(true)}>{t('projects.fileRequest')}</Button>
            )}
            {(project.canEdit || project.canReportProgress) && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="project-edit">
                {project.canEdit ? t('projects.edit') : t('projects.reportFigures')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        {project.stage === 'terminated' ? (
          <Typography.Text type="danger">{t('projects.terminatedBecause', { reason: project.terminatedReason ?? '—' })}</Typography.Text>
        ) : (
          <Steps
            size="small"
            current={current}
            items={STAGE_ORDER.map((s) => ({ title: t(stageKey(s)), description: stageDate[s] ?? undefined }))}
          />
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <InvestmentCard project={project} />
          <MilestonesCard project={project} />
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('projects.profile')} style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('projects.investor')}>{project.investorName}</Descriptions.Item>
              <Descriptions.Item label={t('projects.park')}>{project.parkName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('projects.industry')}>
                {t(`projects.industry.${project.industry}` as MessageKey)}
              </Descriptions.Item>
              <Descriptions.Item label={t('projects.total')}>{formatWan(project.totalInvestmentWan, locale)}</Descriptions.Item>
              <Descriptions.Item label={t('projects.landMu')}>{project.landMu ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('projects.perMuOutput')}>
                {formatMoneyPair(project.outputPerMuWan, project.promisedOutputPerMuWan, locale).join(' / ')}
              </Descriptions.Item>
              <Descriptions.Item label={t('projects.perMuTax')}>
                {formatMoneyPair(project.taxPerMuWan, project.promisedTaxPerMuWan, locale).join(' / ')}
              </Descriptions.Item>
              <Descriptions.Item label={t('projects.jobs')}>{project.jobs ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('projects.department')}>
                {project.responsibleDepartmentName ?? '—'} {project.responsiblePerson ?? ''}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('projects.history')} style={{ marginBottom: 16 }}>
            <Timeline
              items={project.stageEvents.map((e) => ({
                content: (
                  <>
                    <StageTag stage={e.toStage} /> {e.on}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {' '}
                      {e.actorName ?? ''} · {formatDateTime(e.at)}
                    </Typography.Text>
                    {e.reason && <div>{e.reason}</div>}
                  </>
                ),
              }))}
            />
          </Card>
          <Card size="small" title={t('projects.serviceRequests')}>
            <List
              size="small"
              dataSource={project.serviceRequests}
              locale={{ emptyText: t('projects.noRequests') }}
              renderItem={(r) => (
                <List.Item>
                  <Link to={`/requests/${encodeURIComponent(r.id)}`}>
                    {r.number} {r.title}
                  </Link>
                  <Tag>{r.status}</Tag>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      {terminating && (
        <TerminateDialog
          onCancel={() => setTerminating(false)}
          onOk={(reason) => {
            doMove('terminated', reason);
            setTerminating(false);
          }}
        />
      )}
      {filing && <FileRequestDialog project={project} onClose={() => setFiling(false)} />}
      {editing && <ProjectEditModal project={project} onClose={() => setEditing(false)} />}
    </>
  );
}

function InvestmentCard({ project }: { project: ProjectDetailView }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const record = useRecordInvestment(project.id);
  const [form] = Form.useForm<{ month: Dayjs; amountWan: number }>();
  const year = project.planYear ?? Number(countyToday().slice(0, 4));
  const [completed, planned] = formatMoneyPair(project.completedYearWan, project.plannedYearWan, locale);
  const yearInvestment = { completed, planned };
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const option = useMemo<EChartOption>(() => {
    const monthly = months.map((m) => project.investments.find((i) => i.month === m)?.amountWan ?? 0);
    let sum = 0;
    const thisMonth = countyToday().slice(0, 7);
    const cumulative = monthly.map((v, i) => (months[i]! <= thisMonth ? (sum += v) : null));
    const planned = project.plannedYearWan ?? 0;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: months.map((m) => m.slice(5)) },
      yAxis: { type: 'value', name: t('projects.unitWan') },
      series: [
        { name: t('projects.chart.monthly'), type: 'bar', data: monthly, itemStyle: { color: '#1677ff' } },
        { name: t('projects.chart.cumulative'), type: 'line', data: cumulative, itemStyle: { color: '#52c41a' } },
        {
          name: t('projects.chart.timeProportional'),
          type: 'line',
          data: months.map((_, i) => Math.round((planned * (i + 1)) / 12)),
          lineStyle: { type: 'dashed' },
          itemStyle: { color: '#faad14' },
          symbol: 'none',
        },
      ],
    };
  }, [project.investments, project.plannedYearWan, months, t]);

  return (
    <Card
      size="small"
      title={t('projects.investmentTitle', { year })}
      style={{ marginBottom: 16 }}
      extra={<Typography.Text type="secondary">{t('projects.completedOfPlanned', yearInvestment)}</Typography.Text>}
    >
      <EChart option={option} height={260} testId="investment-chart" />
      {project.canReportProgress && project.stage !== 'terminated' && (
        <Form
          form={form}
          layout="inline"
          style={{ marginTop: 12, rowGap: 8 }}
          initialValues={{ month: dayjs(countyToday()) }}
          onFinish={(values) =>
            record.mutate(
              { month: values.month.format('YYYY-MM'), amountWan: values.amountWan },
              {
                onSuccess: () => {
                  void message.success(t('projects.investmentSaved'));
                  form.resetFields(['amountWan']);
                },
                onError: (error) => void message.error(describeError(error, t)),
              },
            )
          }
        >
          <Form.Item name="month" label={t('projects.month')} rules={[{ required: true }]}>
            <DatePicker picker="month" allowClear={false} disabledDate={(d) => d.isAfter(dayjs(countyToday()), 'month')} />
          </Form.Item>
          <Form.Item name="amountWan" label={t('projects.amountWan')} rules={[{ required: true }]}>
            <InputNumber min={0} max={1e8} style={{ width: 140 }} data-testid="investment-amount" />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" type="primary" loading={record.isPending} data-testid="investment-save">
              {t('projects.recordInvestment')}
            </Button>
          </Form.Item>
        </Form>
      )}
      {project.canReportProgress && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
          {t('projects.investmentHint')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function MilestonesCard({ project }: { project: ProjectDetailView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const update = useUpdateMilestone(project.id);
  const add = useAddMilestone(project.id);
  const [form] = Form.useForm<{ name: string; plannedDate: Dayjs }>();
  const today = countyToday();
  return (
    <Card size="small" title={t('projects.milestones')}>
      {project.canEdit && (
        <Form
          form={form}
          layout="inline"
          style={{ marginBottom: 12, rowGap: 8 }}
          onFinish={(values) =>
            add.mutate(
              { name: values.name, plannedDate: values.plannedDate.format('YYYY-MM-DD') },
              {
                onSuccess: () => form.resetFields(),
                onError: (error) => void message.error(describeError(error, t)),
              },
            )
          }
        >
          <Form.Item name="name" rules={[{ required: true, max: 100 }]}>
            <Input placeholder={t('projects.milestoneName')} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="plannedDate" rules={[{ required: true }]}>
            <DatePicker placeholder={t('projects.plannedDate')} />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" loading={add.isPending}>
              {t('projects.addMilestone')}
            </Button>
          </Form.Item>
        </Form>
      )}
      <Table<MilestoneView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={project.milestones}
        columns={[
          { title: t('projects.milestone'), dataIndex: 'name' },
          { title: t('projects.plannedDate'), dataIndex: 'plannedDate', width: 120 },
          {
            title: t('projects.actualDate'),
            dataIndex: 'actualDate',
            width: 170,
            render: (actual: string | null, m) =>
              actual ??
              (project.canReportProgress ? (
                <DatePicker
                  size="small"
                  placeholder={t('projects.markDone')}
                  disabledDate={(d) => d.isAfter(dayjs(today), 'day')}
                  onChange={(d) =>
                    d &&
                    update.mutate(
                      { milestoneId: m.id, actualDate: d.format('YYYY-MM-DD') },
                      { onError: (error) => void message.error(describeError(error, t)) },
                    )
                  }
                />
              ) : (
                '—'
              )),
          },
          {
            title: t('projects.milestoneState'),
            key: 'state',
            width: 110,
            render: (_, m) => {
              if (m.actualDate) return <Tag color={m.actualDate > m.plannedDate ? 'orange' : 'green'}>{t('projects.milestoneDone')}</Tag>;
              const late = dayjs(today).diff(dayjs(m.plannedDate), 'day');
              if (late > 30) return <Tag color="red">{t('projects.milestoneOverdue', { days: late })}</Tag>;
              if (late > 0) return <Tag color="gold">{t('projects.milestoneOverdue', { days: late })}</Tag>;
              return <Tag>{t('projects.milestonePending')}</Tag>;
            },
          },
        ]}
      />
    </Card>
  );
}

function TerminateDialog({ onCancel, onOk }: { onCancel: () => void; onOk: (reason: string) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  return (
    <Modal
      open
      title={t('projects.terminate')}
      onCancel={onCancel}
      onOk={() => onOk(reason.trim())}
      okButtonProps={{ danger: true, disabled: !reason.trim() }}
    >
      <Input.TextArea
        rows={3}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={t('projects.terminateReason')}
        maxLength={1000}
      />
    </Modal>
  );
}

function FileRequestDialog({ project, onClose }: { project: ProjectDetailView; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const categories = useRequestCategories(true);
  const file = useFileProjectRequest(project.id);
  const [form] = Form.useForm<{ categoryCode: string; title: string; description: string; contactName: string; contactPhone: string }>();
  return (
    <Modal
      open
      title={t('projects.fileRequest')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={file.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) =>
          file.mutate(values, {
            onSuccess: () => {
              void message.success(t('projects.requestFiled'));
              onClose();
            },
            onError: (error) => void message.error(describeError(error, t)),
          })
        }
      >
        <Form.Item name="categoryCode" label={t('projects.requestCategory')} rules={[{ required: true }]}>
          <Select options={(categories.data ?? []).map((c) => ({ value: c.code, label: locale === 'zh-CN' ? c.nameZh : c.nameEn }))} />
        </Form.Item>
        <Form.Item name="title" label={t('projects.requestTitle')} rules={[{ required: true, max: 150 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('projects.requestDescription')} rules={[{ required: true }]}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="contactName" label={t('projects.contactName')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('projects.contactPhone')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Input maxLength={32} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}
