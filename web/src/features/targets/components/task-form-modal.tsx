import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { useDepartments } from '@/lib/lookups';
import { useCreateTask, useTargetTree } from '../api/targets';

interface Values {
  indicatorId: string;
  title: string;
  departmentId: string;
  span: [Dayjs, Dayjs];
}

/** The county admin assigns a year's task under a target to a responsible department. */
export function TaskFormModal({ year, onClose }: { year: number; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const tree = useTargetTree(year);
  const departments = useDepartments();
  const create = useCreateTask();
  return (
    <Modal
      open
      title={t('targets.newTask')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ span: [dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)] }}
        onFinish={(values) =>
          create.mutate(
            {
              indicatorId: values.indicatorId,
              year,
              title: values.title,
              departmentId: values.departmentId,
              startDate: values.span[0].format('YYYY-MM-DD'),
              deadline: values.span[1].format('YYYY-MM-DD'),
            },
            {
              onSuccess: () => {
                void message.success(t('targets.taskCreated'));
                onClose();
              },
              onError: (error) => void message.error(describeError(error, t)),
            },
          )
        }
      >
        <Form.Item name="indicatorId" label={t('targets.indicator')} rules={[{ required: true }]}>
          <Select options={(tree.data?.indicators ?? []).map((i) => ({ value: i.id, label: i.nameZh }))} />
        </Form.Item>
        <Form.Item name="title" label={t('targets.task')} rules={[{ required: true, max: 300 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="departmentId" label={t('targets.department')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="span" label={t('targets.span')} rules={[{ required: true }]}>
          <DatePicker.RangePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
