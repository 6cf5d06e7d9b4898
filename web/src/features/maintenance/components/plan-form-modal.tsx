import { Alert, Button, Form, Input, InputNumber, Modal, Radio, Select, Switch, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { COUNTER_KINDS, PLAN_ANCHORS, PLAN_LEVELS, PLAN_TRIGGERS, TIME_UNITS } from '@tiantai/shared';
import type { IntervalUnit, PlanAnchor, PlanLevel, PlanTrigger, PlanView } from '@tiantai/shared';
import { FormRow } from '@/components/form-row';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { useCreatePlan } from '../api/create-plan';
import { useUpdatePlan } from '../api/update-plan';
import { AssetSelect } from '@/components/asset-select';

interface PlanValues {
  assetId?: string;
  name?: string;
  level: PlanLevel;
  trigger: PlanTrigger;
  intervalValue?: number | null;
  intervalUnit: IntervalUnit;
  anchor: PlanAnchor;
  /** In per cent in the form; the API takes a share. */
  warningPercent: number;
  checklist: string[];
  active: boolean;
}

function initialValues(plan: PlanView | undefined): PlanValues {
  if (!plan) {
    return { level: 'level1', trigger: 'time', intervalUnit: 'months', anchor: 'fixed', warningPercent: 10, checklist: [''], active: true };
  }
  return {
    assetId: plan.assetId,
    name: plan.name,
    level: plan.level,
    trigger: plan.trigger,
    intervalValue: plan.intervalValue,
    intervalUnit: plan.intervalUnit,
    anchor: plan.anchor,
    warningPercent: Math.round(plan.warningShare * 100),
    checklist: plan.checklist,
    active: plan.active,
  };
}

/** Creates a plan, or edits what a plan may change (the asset, trigger and start stay). */
export function PlanFormModal({ plan, onClose }: { plan?: PlanView; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<PlanValues>();
  const create = useCreatePlan();
  const update = useUpdatePlan();
  const saving = create.isPending || update.isPending;
  const error = create.error ?? update.error;
  const trigger = Form.useWatch('trigger', form) ?? plan?.trigger ?? 'time';
  const units: readonly IntervalUnit[] = trigger === 'time' ? TIME_UNITS : COUNTER_KINDS;

  const submit = (values: PlanValues) => {
    const checklist = values.checklist.map((item) => item.trim()).filter(Boolean);
    const common = {
      name: values.name?.trim() ?? '',
      level: values.level,
      intervalValue: values.intervalValue ?? 1,
      anchor: values.anchor,
      warningShare: values.warningPercent / 100,
      checklist,
      active: values.active,
    };
    if (plan) update.mutate({ id: plan.id, body: common }, { onSuccess: onClose });
    else
      create.mutate(
        { ...common, assetId: values.assetId ?? '', trigger: values.trigger, intervalUnit: values.intervalUnit },
        { onSuccess: onClose },
      );
  };

  return (
    <Modal
      open
      width={640}
      title={t(plan ? 'plans.edit' : 'plans.new')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('action.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={saving} onClick={() => form.submit()} data-testid="plan-submit">
          {t('action.save')}
        </Button>,
      ]}
    >
      <Form<PlanValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={initialValues(plan)}
        onFinish={submit}
        onValuesChange={(changed: Partial<PlanValues>) => {
          // The unit list follows the trigger: months for time plans, shots for usage plans.
          if (changed.trigger) form.setFieldValue('intervalUnit', changed.trigger === 'time' ? 'months' : 'shots');
        }}
      >
        {plan ? (
          <Typography.Paragraph type="secondary">
            {plan.assetCode} {plan.assetName} · {t(`planTrigger.${plan.trigger}`)} · {t('plan.fixedLocked')}
          </Typography.Paragraph>
        ) : (
          <Form.Item name="assetId" label={t('plan.asset')} rules={[{ required: true, message: t('workOrder.assetRequired') }]}>
            <AssetSelect testId="plan-asset" placeholder={t('workOrder.searchAsset')} />
          </Form.Item>
        )}
        <FormRow>
          <Form.Item name="name" label={t('plan.name')} rules={[{ required: true, whitespace: true, message: t('plan.nameRequired') }]}>
            <Input maxLength={200} data-testid="plan-name" />
          </Form.Item>
          <Form.Item name="level" label={t('plan.level')}>
            <Select options={PLAN_LEVELS.map((level) => ({ value: level, label: t(`planLevel.${level}`) }))} />
          </Form.Item>
        </FormRow>
        <Form.Item name="trigger" label={t('plan.trigger')}>
          <Radio.Group
            disabled={Boolean(plan)}
            optionType="button"
            options={PLAN_TRIGGERS.map((value) => ({ value, label: t(`planTrigger.${value}`) }))}
          />
        </Form.Item>
        <FormRow>
          <Form.Item name="intervalValue" label={t('plan.intervalValue')} rules={[{ required: true, message: t('plan.intervalRequired') }]}>
            <InputNumber min={1} max={1e10} style={{ width: '100%' }} data-testid="plan-interval" />
          </Form.Item>
          <Form.Item name="intervalUnit" label={t('plan.intervalUnit')}>
            <Select disabled={Boolean(plan)} options={units.map((unit) => ({ value: unit, label: t(`intervalUnit.${unit}`) }))} />
          </Form.Item>
        </FormRow>
        <FormRow>
          <Form.Item name="anchor" label={t('plan.anchor')}>
            <Select options={PLAN_ANCHORS.map((anchor) => ({ value: anchor, label: t(`planAnchor.${anchor}`) }))} />
          </Form.Item>
          <Form.Item name="warningPercent" label={t('plan.warningShare')} extra={t('plan.warningShareHelp')}>
            <InputNumber min={0} max={90} suffix="%" style={{ width: '100%' }} />
          </Form.Item>
        </FormRow>
        <Form.Item label={t('plan.checklist')}>
          <Form.List name="checklist">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <div key={field.key} style={{ display: 'flex', gap: 8, marginBottom: 8, alignItems: 'center' }}>
                    <Form.Item name={field.name} noStyle>
                      <Input maxLength={200} placeholder={t('plan.checklistItem')} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(field.name)} aria-label="remove" />
                  </div>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} block>
                  {t('plan.addChecklistItem')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="active" label={t('plan.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {error && <Alert type="error" showIcon title={describeError(error, t)} />}
      </Form>
    </Modal>
  );
}
