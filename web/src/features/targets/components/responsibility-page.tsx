import { useState } from 'react';
import { App, Button, Card, Drawer, Flex, Form, Input, InputNumber, Progress, Select, Switch, Table, Timeline, Typography } from 'antd';
import { TASK_STATUSES } from '@tiantai/shared';
import type { TaskStatus, TaskView } from '@tiantai/shared';

import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useCan, useCurrentUser } from '@/lib/authorization';
import { describeError } from '@/lib/error-message';
import { countyThisYear, formatDateTime } from '@/lib/format';
import { useUrlFilter } from '@/lib/url-filter';
import { useI18n } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n';
import { useDepartments } from '@/lib/lookups';
import { useReportTask, useTask, useTasks } from '../api/targets';
import { TaskStatusTag } from './target-tags';
import { TaskFormModal } from './task-form-modal';

/** 责任表: every task of a year with its department, deadline, progress against 序时进度, and reports. */
export function ResponsibilityPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const isDepartment = user.organisationKind === 'department';
  const assigns = useCan('targets.manage');
  const { params, update } = useUrlFilter();
  const year = Number(params.get('year') ?? countyThisYear());
  // A department opens its own tasks first; it can switch to the county's whole table.
  const mine = params.has('mine') ? params.get('mine') === 'true' : isDepartment;
  const departmentId = params.get('departmentId') ?? undefined;
  const status = (params.get('status') as TaskStatus | null) ?? undefined;
  const tasks = useTasks({ year, mine: mine || undefined, departmentId: mine ? undefined : departmentId, status });
  const departments = useDepartments();
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title={t('targets.responsibility.title')}
        subtitle={t('targets.responsibility.subtitle')}
        extra={
          assigns && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('targets.newTask')}
            </Button>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <Select
            value={year}
            aria-label={t('common.year')}
            style={{ width: 110 }}
            onChange={(y) => update({ year: String(y) }, true)}
            options={Array.from({ length: 7 }, (_, i) => countyThisYear() - i).map((y) => ({
              value: y,
              label: t('projects.yearLabel', { year: y }),
            }))}
          />
          {isDepartment && (
            <Flex gap={6} align="center">
              <Switch
                checked={mine}
                onChange={(v) => update({ mine: String(v) }, true)}
                aria-label={t('targets.responsibility.onlyMine')}
                data-testid="only-mine"
              />
              <Typography.Text>{t('targets.responsibility.onlyMine')}</Typography.Text>
            </Flex>
          )}
          {!mine && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('targets.department')}
              aria-label={t('targets.department')}
              style={{ width: 220 }}
              value={departmentId}
              onChange={(v) => update({ departmentId: v }, true)}
              options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            />
          )}
          <Select
            allowClear
            placeholder={t('targets.status')}
            aria-label={t('targets.status')}
            style={{ width: 120 }}
            value={status}
            onChange={(v) => update({ status: v }, true)}
            options={TASK_STATUSES.map((s) => ({ value: s, label: t(`targets.taskStatus.${s}` as MessageKey) }))}
          />
        </Flex>
      </Card>
      {tasks.isError ? (
        <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : (
        <Table<TaskView>
          rowKey="id"
          size="small"
          loading={tasks.isFetching}
          dataSource={tasks.data ?? []}
          pagination={false}
          scroll={{ x: 1100 }}
          data-testid="tasks-table"
          onRow={(task) => ({ onClick: () => setOpen(task.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('targets.indicator'), dataIndex: 'indicatorName', width: 170 },
            { title: t('targets.task'), dataIndex: 'title', minWidth: 240 },
            { title: t('targets.department'), dataIndex: 'departmentName', width: 190 },
            { title: t('targets.deadline'), dataIndex: 'deadline', width: 110 },
            {
              title: t('targets.progress'),
              key: 'progress',
              width: 190,
              render: (_, task) => (
                <>
                  <Progress
                    percent={task.progress}
                    size="small"
                    success={{ percent: task.expectedProgress, strokeColor: '#faad1455' }}
                    aria-label={`${task.title} ${t('targets.progress')} ${task.progress}%`}
                  />
                  <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                    {t('targets.expected', { expected: task.expectedProgress })}
                  </Typography.Text>
                </>
              ),
            },
            { title: t('targets.status'), dataIndex: 'status', width: 90, render: (s: TaskStatus) => <TaskStatusTag status={s} /> },
            { title: t('targets.lastReport'), dataIndex: 'lastReportAt', width: 150, render: (v: string | null) => formatDateTime(v) },
          ]}
        />
      )}
      {open && <TaskDrawer id={open} onClose={() => setOpen(null)} />}
      {creating && <TaskFormModal year={year} onClose={() => setCreating(false)} />}
    </>
  );
}

function TaskDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const task = useTask(id);
  const report = useReportTask(id);
  const [form] = Form.useForm<{ progress: number; note: string }>();
  const data = task.data;
  return (
    <Drawer open width={520} title={data?.title ?? ''} onClose={onClose} loading={!data}>
      {data && (
        <>
          <Flex gap={12} wrap style={{ marginBottom: 12 }}>
            <TaskStatusTag status={data.status} />
            <Typography.Text>
              {data.departmentName} · {data.startDate} → {data.deadline}
            </Typography.Text>
          </Flex>
          <Progress
            percent={data.progress}
            success={{ percent: data.expectedProgress, strokeColor: '#faad1455' }}
            aria-label={`${t('targets.progress')} ${data.progress}%`}
          />
          {data.canReport && data.progress < 100 && (
            <Form
              form={form}
              layout="vertical"
              style={{ marginTop: 16 }}
              initialValues={{ progress: data.progress }}
              onFinish={(values) =>
                report.mutate(values, {
                  onSuccess: () => {
                    void message.success(t('targets.reported'));
                    form.resetFields(['note']);
                  },
                  onError: (error) => void message.error(describeError(error, t)),
                })
              }
            >
              <Form.Item name="progress" label={t('targets.progress')} rules={[{ required: true }]}>
                <InputNumber min={0} max={100} suffix="%" />
              </Form.Item>
              <Form.Item name="note" label={t('targets.reportNote')} rules={[{ required: true }]}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={report.isPending}>
                {t('targets.report')}
              </Button>
            </Form>
          )}
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('targets.reports')}
          </Typography.Title>
          <Timeline
            items={data.reports.map((r) => ({
              content: (
                <>
                  <Typography.Text strong>{r.progress}%</Typography.Text> {r.note}
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {r.actorName ?? ''} · {formatDateTime(r.at)}
                  </Typography.Text>
                </>
              ),
            }))}
          />
        </>
      )}
    </Drawer>
  );
}
