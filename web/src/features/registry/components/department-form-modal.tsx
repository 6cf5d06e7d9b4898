import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Select, Switch } from 'antd';
import { DEPARTMENT_KINDS } from '@tiantai/shared';
import type { DepartmentBody, DepartmentKind, DepartmentView } from '@tiantai/shared';
import { FormRow } from '@/components/form-row';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { useCreateDepartment } from '../api/create-department';
import { useUpdateDepartment } from '../api/update-department';

interface DepartmentFormValues {
  name: string;
  shortName?: string;
  kind: DepartmentKind;
  acceptsRequests: boolean;
  contactName?: string;
  contactPhone?: string;
}

const emptyToNull = (value: string | undefined) => value?.trim() || null;

export function DepartmentFormModal({ department, onClose }: { department: DepartmentView | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<DepartmentFormValues>();
  const createDepartment = useCreateDepartment();
  const updateDepartment = useUpdateDepartment();
  const [failure, setFailure] = useState<string | null>(null);

  const initialValues: DepartmentFormValues = department
    ? {
        name: department.name,
        shortName: department.shortName ?? '',
        kind: department.kind,
        acceptsRequests: department.acceptsRequests,
        contactName: department.contactName ?? '',
        contactPhone: department.contactPhone ?? '',
      }
    : { name: '', kind: 'bureau', acceptsRequests: true };

  const onFinish = async (values: DepartmentFormValues) => {
    setFailure(null);
    const body: DepartmentBody = {
      name: values.name.trim(),
      shortName: emptyToNull(values.shortName),
      kind: values.kind,
      acceptsRequests: values.acceptsRequests,
      contactName: emptyToNull(values.contactName),
      contactPhone: emptyToNull(values.contactPhone),
    };
    try {
      if (department) await updateDepartment.mutateAsync({ id: department.id, body });
      else await createDepartment.mutateAsync(body);
      void message.success(t('common.saved'));
      onClose();
    } catch (error) {
      setFailure(describeError(error, t));
    }
  };

  return (
    <Modal
      open
      title={department ? t('departments.edit') : t('departments.new')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={createDepartment.isPending || updateDepartment.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Form<DepartmentFormValues> form={form} name="department" layout="vertical" initialValues={initialValues} onFinish={onFinish}>
        <Form.Item name="name" label={t('department.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <FormRow>
          <Form.Item name="shortName" label={t('department.shortName')} rules={[{ max: 50 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('department.kind')} rules={[{ required: true }]}>
            <Select options={DEPARTMENT_KINDS.map((kind) => ({ value: kind, label: t(`departmentKind.${kind}`) }))} />
          </Form.Item>
        </FormRow>
        <Form.Item
          name="acceptsRequests"
          label={t('department.acceptsRequests')}
          valuePropName="checked"
          extra={t('department.acceptsRequestsHint')}
        >
          <Switch />
        </Form.Item>
        <FormRow>
          <Form.Item name="contactName" label={t('department.contactName')} rules={[{ max: 50 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('department.contactPhone')} rules={[{ max: 32 }]}>
            <Input />
          </Form.Item>
        </FormRow>
        {failure && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}
