import { useState } from 'react';
import { App, Divider, Form, Input, InputNumber, Modal, Select } from 'antd';
import { PROJECT_INDUSTRIES, type ProjectDetailView } from '@tiantai/shared';
import { useNavigate } from 'react-router';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n';
import { useDepartments } from '@/lib/lookups';
import { useCreateProject, useEnterpriseOptions, useParkOptions, useUpdateProject } from '../api/projects';

interface Values {
  name: string;
  enterpriseId?: string | null;
  investorName?: string | null;
  parkId?: string | null;
  industry: string;
  totalInvestmentWan: number;
  plannedYearWan?: number | null;
  landMu?: number | null;
  promisedOutputPerMuWan?: number | null;
  promisedTaxPerMuWan?: number | null;
  responsibleDepartmentId?: string | null;
  responsiblePerson?: string | null;
  description?: string | null;
  actualOutputWan?: number | null;
  actualTaxWan?: number | null;
  jobs?: number | null;
}

/** A new project starts at 洽谈; an existing enterprise of the register or a new investor by name. */
export function ProjectFormModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const create = useCreateProject();
  return (
    <ProjectForm
      title={t('projects.new')}
      pending={create.isPending}
      onClose={onClose}
      onFinish={(values) =>
        create.mutate(withoutEmpty({ ...values, investorName: values.enterpriseId ? undefined : values.investorName }), {
          onSuccess: (project) => {
            void message.success(t('projects.created'));
            onClose();
            void navigate(`/projects/${encodeURIComponent(project.id)}`);
          },
          onError: (error) => void message.error(describeError(error, t)),
        })
      }
    />
  );
}

/**
 * The county admin or the responsible department edits the whole profile; the project's enterprise reports
 * only its figures after production (output, tax, jobs), which the per-mu comparison reads.
 */
export function ProjectEditModal({ project, onClose }: { project: ProjectDetailView; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const update = useUpdateProject(project.id);
  const initial: Values = {
    name: project.name,
    enterpriseId: project.enterpriseId,
    investorName: project.enterpriseId ? null : project.investorName,
    parkId: project.parkId,
    industry: project.industry,
    totalInvestmentWan: project.totalInvestmentWan,
    plannedYearWan: project.plannedYearWan,
    landMu: project.landMu,
    promisedOutputPerMuWan: project.promisedOutputPerMuWan,
    promisedTaxPerMuWan: project.promisedTaxPerMuWan,
    responsibleDepartmentId: project.responsibleDepartmentId,
    responsiblePerson: project.responsiblePerson,
    description: project.description,
    actualOutputWan: project.actualOutputWan,
    actualTaxWan: project.actualTaxWan,
    jobs: project.jobs,
  };
  return (
    <ProjectForm
      title={project.canEdit ? t('projects.edit') : t('projects.reportFigures')}
      initial={initial}
      figuresOnly={!project.canEdit}
      figures
      enterpriseName={project.enterpriseId ? project.investorName : undefined}
      pending={update.isPending}
      onClose={onClose}
      onFinish={(values) => {
        // Only what changed is sent (an enterprise may send only its figures); a cleared field becomes null.
        const changed = Object.fromEntries(
          Object.entries(values)
            .filter(([key, value]) => (value ?? null) !== (initial[key as keyof Values] ?? null))
            .map(([key, value]) => [key, value === undefined || value === '' ? null : value]),
        );
        if (changed.enterpriseId) changed.investorName = null;
        if ('plannedYearWan' in changed && changed.plannedYearWan === null) delete changed.plannedYearWan;
        if (Object.keys(changed).length === 0) return onClose();
        update.mutate(changed, {
          onSuccess: () => {
            void message.success(t('projects.saved'));
            onClose();
          },
          onError: (error) => void message.error(describeError(error, t)),
        });
      }}
    />
  );
}

/** Drops the fields left empty on a new project: the API takes them as absent. */
function withoutEmpty(values: Values): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== null && value !== ''));
}

function ProjectForm({
  title,
  initial,
  figures = false,
  figuresOnly = false,
  enterpriseName,
  pending,
  onClose,
  onFinish,
}: {
  title: string;
  initial?: Values;
  /** Shows the figures after production (actual output and tax, jobs). */
  figures?: boolean;
  /** Shows only those figures: the enterprise's own report. */
  figuresOnly?: boolean;
  /** The current owner, so the select shows its name before any search. */
  enterpriseName?: string | undefined;
  pending: boolean;
  onClose: () => void;
  onFinish: (values: Values) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [q, setQ] = useState('');
  const enterprises = useEnterpriseOptions(q);
  const parks = useParkOptions();
  const departments = useDepartments();
  const enterpriseId = Form.useWatch('enterpriseId', form);
  const enterpriseOptions = (enterprises.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }));
  if (initial?.enterpriseId && enterpriseName && !enterpriseOptions.some((o) => o.value === initial.enterpriseId))
    enterpriseOptions.unshift({ value: initial.enterpriseId, label: enterpriseName });
  const number = (max: number) => <InputNumber min={0} max={max} style={{ width: '100%' }} />;

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={pending}
      destroyOnHidden
      width={640}
      okButtonProps={{ 'data-testid': 'project-form-submit' }}
    >
      <Form<Values> form={form} name="project" layout="vertical" initialValues={initial} onFinish={onFinish} data-testid="project-form">
        {!figuresOnly && (
          <>
            <Form.Item name="name" label={t('projects.name')} rules={[{ required: true, max: 200 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="enterpriseId" label={t('projects.enterprise')} extra={t('projects.enterpriseHint')}>
              <Select allowClear showSearch={{ filterOption: false, onSearch: setQ }} options={enterpriseOptions} />
            </Form.Item>
            {!enterpriseId && (
              <Form.Item name="investorName" label={t('projects.newInvestor')} rules={[{ required: true, max: 200 }]}>
                <Input />
              </Form.Item>
            )}
            <Form.Item name="industry" label={t('projects.industry')} rules={[{ required: true }]}>
              <Select options={PROJECT_INDUSTRIES.map((i) => ({ value: i, label: t(`projects.industry.${i}` as MessageKey) }))} />
            </Form.Item>
            <Form.Item name="parkId" label={t('projects.park')}>
              <Select allowClear options={(parks.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />
            </Form.Item>
            <Form.Item name="totalInvestmentWan" label={t('projects.totalWan')} rules={[{ required: true }]}>
              {number(1e8)}
            </Form.Item>
            <Form.Item name="plannedYearWan" label={t('projects.plannedYearWan')}>
              {number(1e8)}
            </Form.Item>
            <Form.Item name="landMu" label={t('projects.landMu')}>
              {number(1e6)}
            </Form.Item>
            <Form.Item name="promisedOutputPerMuWan" label={t('projects.promisedOutputPerMu')}>
              {number(1e8)}
            </Form.Item>
            <Form.Item name="promisedTaxPerMuWan" label={t('projects.promisedTaxPerMu')}>
              {number(1e8)}
            </Form.Item>
            <Form.Item name="responsibleDepartmentId" label={t('projects.department')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
              />
            </Form.Item>
            <Form.Item name="responsiblePerson" label={t('projects.person')} rules={[{ max: 50 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="description" label={t('projects.description')} rules={[{ max: 2000 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        )}
        {figures && (
          <>
            {!figuresOnly && <Divider plain>{t('projects.figuresAfterProduction')}</Divider>}
            <Form.Item name="actualOutputWan" label={t('projects.actualOutputWan')}>
              {number(1e8)}
            </Form.Item>
            <Form.Item name="actualTaxWan" label={t('projects.actualTaxWan')}>
              {number(1e8)}
            </Form.Item>
            <Form.Item name="jobs" label={t('projects.jobs')}>
              <InputNumber min={0} max={1e6} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
