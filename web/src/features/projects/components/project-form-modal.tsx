import { useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { PROJECT_INDUSTRIES } from '@tiantai/shared';
import { useNavigate } from 'react-router';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n';
import { useCreateProject, useDepartments, useEnterpriseOptions, useParkOptions } from '../api/projects';

interface Values {
  name: string;
  enterpriseId?: string;
  investorName?: string;
  parkId?: string;
  industry: string;
  totalInvestmentWan: number;
  plannedYearWan?: number;
  landMu?: number;
  responsibleDepartmentId?: string;
  responsiblePerson?: string;
}

/** A new project starts at 洽谈; an existing enterprise of the register or a new investor by name. */
export function ProjectFormModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [q, setQ] = useState('');
  const enterprises = useEnterpriseOptions(q);
  const parks = useParkOptions();
  const departments = useDepartments();
  const create = useCreateProject();
  const enterpriseId = Form.useWatch('enterpriseId', form);

  return (
    <Modal
      open
      title={t('projects.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(values) =>
          create.mutate(
            { ...values, investorName: values.enterpriseId ? undefined : values.investorName },
            {
              onSuccess: (project) => {
                void message.success(t('projects.created'));
                onClose();
                void navigate(`/projects/${encodeURIComponent(project.id)}`);
              },
              onError: (error) => void message.error(describeError(error, t)),
            },
          )
        }
      >
        <Form.Item name="name" label={t('projects.name')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="enterpriseId" label={t('projects.enterprise')} extra={t('projects.enterpriseHint')}>
          <Select
            allowClear
            showSearch={{ filterOption: false, onSearch: setQ }}
            options={(enterprises.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
          />
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
          <InputNumber min={0} max={1e8} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="plannedYearWan" label={t('projects.plannedYearWan')}>
          <InputNumber min={0} max={1e8} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="landMu" label={t('projects.landMu')}>
          <InputNumber min={0} max={1e6} style={{ width: '100%' }} />
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
      </Form>
    </Modal>
  );
}
