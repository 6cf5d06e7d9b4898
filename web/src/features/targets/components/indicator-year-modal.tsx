import { App, Form, InputNumber, Modal, Select } from 'antd';
import type { IndicatorYearView } from '@tiantai/shared';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { useSetIndicatorYear } from '../api/targets';

interface Values {
  targetValue: number | null;
  actualValue: number | null;
  through: number;
}

/** The county admin sets a year's target and its actual; an actual through month m of 12 is compared with target × m/12. */
export function IndicatorYearModal({
  indicator,
  year,
  current,
  onClose,
}: {
  indicator: { id: string; nameZh: string; unit: string };
  year: number;
  current: IndicatorYearView | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSetIndicatorYear(indicator.id);
  return (
    <Modal
      open
      title={t('targets.editYear', { name: indicator.nameZh, year })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          targetValue: current?.targetValue ?? null,
          actualValue: current?.actualValue ?? null,
          through: current?.actualThrough ? Number(current.actualThrough.slice(5)) : 12,
        }}
        onFinish={(values) =>
          save.mutate(
            {
              year,
              targetValue: values.targetValue,
              actualValue: values.actualValue,
              actualThrough: values.through === 12 ? null : `${year}-${String(values.through).padStart(2, '0')}`,
            },
            { onSuccess: onClose, onError: (error) => void message.error(describeError(error, t)) },
          )
        }
      >
        <Form.Item name="targetValue" label={`${t('targets.yearTarget')}（${indicator.unit}）`}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="actualValue" label={`${t('targets.actual')}（${indicator.unit}）`}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="through" label={t('targets.actualThrough')}>
          <Select
            options={Array.from({ length: 12 }, (_, i) => ({
              value: i + 1,
              label: i === 11 ? t('targets.fullYear') : t('targets.through', { month: String(i + 1).padStart(2, '0') }),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
