import { useMemo } from 'react';
import { Alert, AutoComplete, Button, Flex, Form, Input, InputNumber, Modal, Radio, Select, Switch, Typography } from 'antd';
import { ALARM_CONDITIONS, ALARM_SEVERITIES, KNOWN_METRIC_KEYS, metricInfo, metricLabel, metricsOfType } from '@tiantai/shared';
import type { AlarmCondition, AlarmRuleBody, AlarmRuleView, AlarmSeverity, MetricDefinition } from '@tiantai/shared';
import { FormRow } from '@/components/form-row';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import type { Locale } from '@/lib/i18n';
import { useSaveAlarmRule } from '../api/alarm-rules';
import { useDevices } from '../api/get-devices';

interface RuleValues {
  name?: string;
  deviceType?: string;
  metric?: string;
  condition: AlarmCondition;
  threshold?: number | null;
  clearThreshold?: number | null;
  durationSeconds: number;
  severity: AlarmSeverity;
  openWorkOrder: boolean;
  active: boolean;
}

const DEVICE_TYPE = /^[a-z0-9_-]+$/;
const METRIC = /^[A-Za-z0-9_.-]+$/;

function initialValues(rule: AlarmRuleView | undefined): RuleValues {
  if (!rule) return { condition: 'above', durationSeconds: 0, severity: 'major', openWorkOrder: false, active: true };
  return {
    name: rule.name,
    deviceType: rule.deviceType ?? undefined,
    metric: rule.metric ?? undefined,
    condition: rule.condition,
    threshold: rule.threshold,
    clearThreshold: rule.clearThreshold,
    durationSeconds: rule.durationSeconds,
    severity: rule.severity,
    openWorkOrder: rule.openWorkOrder,
    active: rule.active,
  };
}

/**
 * The metrics the picker offers: the device type's from the catalogue, or every metric the catalogue knows
 * when the rule is for any type (or a type it does not know). Any other key may still be typed.
 */
export function metricOptions(deviceType: string | undefined, locale: Locale) {
  const typed = metricsOfType(deviceType?.trim());
  const infos: MetricDefinition[] = typed.length > 0 ? [...typed] : KNOWN_METRIC_KEYS.map((key) => metricInfo(null, key));
  return infos.map((info) => ({
    value: info.key,
    search: `${info.key} ${info.name.zh} ${info.name.en}`.toLowerCase(),
    label: (
      <Flex justify="space-between" gap={8} data-testid="rule-metric-option" data-key={info.key}>
        <span>{metricLabel(info, locale)}</span>
        <Typography.Text type="secondary" className="tt-mono">
          {info.key}
        </Typography.Text>
      </Flex>
    ),
  }));
}

/** An alarm rule: a threshold with hysteresis and a duration, or silence for a while; optionally a repair order. */
export function AlarmRuleFormModal({ rule, onClose }: { rule?: AlarmRuleView; onClose: () => void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<RuleValues>();
  const save = useSaveAlarmRule();
  const devices = useDevices({});
  const condition = Form.useWatch('condition', form) ?? rule?.condition ?? 'above';
  const noData = condition === 'no_data';
  const deviceType = Form.useWatch('deviceType', form) ?? rule?.deviceType ?? undefined;
  const metric = (Form.useWatch('metric', form) ?? rule?.metric ?? '').trim();
  const info = metric ? metricInfo(deviceType?.trim() || null, metric) : undefined;
  const metrics = useMemo(() => metricOptions(deviceType, locale), [deviceType, locale]);
  const types = useMemo(
    () => [...new Set((devices.data ?? []).map((d) => d.deviceType))].sort().map((value) => ({ value })),
    [devices.data],
  );

  const submit = (values: RuleValues) => {
    const body: AlarmRuleBody = {
      name: values.name?.trim() ?? '',
      deviceType: values.deviceType?.trim() || null,
      condition: values.condition,
      metric: noData ? values.metric?.trim() || null : (values.metric?.trim() ?? ''),
      threshold: noData ? null : (values.threshold ?? null),
      clearThreshold: noData ? null : (values.clearThreshold ?? null),
      durationSeconds: values.durationSeconds,
      severity: values.severity,
      openWorkOrder: values.openWorkOrder,
      active: values.active,
    };
    save.mutate({ id: rule?.id, body }, { onSuccess: onClose });
  };

  return (
    <Modal
      open
      width={640}
      title={t(rule ? 'rules.edit' : 'rules.new')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('action.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="rule-submit">
          {t('action.save')}
        </Button>,
      ]}
    >
      <Form<RuleValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={initialValues(rule)}
        onFinish={submit}
        onValuesChange={(changed: Partial<RuleValues>) => {
          // Silence is measured in minutes: a no-data rule starts at 5 of them.
          if (changed.condition === 'no_data' && (form.getFieldValue('durationSeconds') as number) < 30)
            form.setFieldValue('durationSeconds', 300);
        }}
      >
        <Form.Item name="name" label={t('rule.name')} rules={[{ required: true, whitespace: true, message: t('rule.nameRequired') }]}>
          <Input maxLength={200} placeholder={t('rule.namePlaceholder')} data-testid="rule-name-input" />
        </Form.Item>
        <FormRow>
          <Form.Item
            name="deviceType"
            label={t('rule.deviceType')}
            extra={t('rule.deviceTypeHelp')}
            rules={[{ pattern: DEVICE_TYPE, message: t('device.deviceTypePattern') }]}
          >
            <AutoComplete options={types} allowClear placeholder={t('rule.anyType')} className="tt-mono" data-testid="rule-device-type" />
          </Form.Item>
          <Form.Item
            name="metric"
            label={t('rule.metric')}
            extra={
              noData ? (
                t('rule.metricNoDataHelp')
              ) : info ? (
                <span data-testid="rule-metric-label">{info.known ? metricLabel(info, locale) : t('rule.metricUnknown')}</span>
              ) : undefined
            }
            rules={[
              { required: !noData, whitespace: true, message: t('rule.metricRequired') },
              { pattern: METRIC, message: t('rule.metricPattern') },
            ]}
          >
            <AutoComplete
              options={metrics}
              filterOption={(input, option) => Boolean(option?.search.includes(input.trim().toLowerCase()))}
              maxLength={64}
              placeholder={t('rule.metricPlaceholder')}
              popupMatchSelectWidth={320}
              data-testid="rule-metric"
            />
          </Form.Item>
        </FormRow>
        <Form.Item name="condition" label={t('rule.condition')}>
          <Radio.Group
            optionType="button"
            options={ALARM_CONDITIONS.map((value) => ({ value, label: t(`alarmCondition.${value}`) }))}
            data-testid="rule-condition-input"
          />
        </Form.Item>
        {!noData && (
          <FormRow>
            <Form.Item name="threshold" label={t('rule.threshold')} rules={[{ required: true, message: t('rule.thresholdRequired') }]}>
              <InputNumber style={{ width: '100%' }} suffix={info?.unit ?? undefined} data-testid="rule-threshold" />
            </Form.Item>
            <Form.Item
              name="clearThreshold"
              label={t('rule.clearThreshold')}
              extra={t(condition === 'above' ? 'rule.clearThresholdHelpAbove' : 'rule.clearThresholdHelpBelow')}
              dependencies={['threshold']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, value: number | null | undefined) => {
                    const threshold = getFieldValue('threshold') as number | null | undefined;
                    if (value === null || value === undefined || threshold === null || threshold === undefined) return;
                    const wrongSide = condition === 'above' ? value > threshold : value < threshold;
                    if (wrongSide) throw new Error(t('rule.clearThresholdSide'));
                  },
                }),
              ]}
            >
              <InputNumber style={{ width: '100%' }} suffix={info?.unit ?? undefined} data-testid="rule-clear-threshold" />
            </Form.Item>
          </FormRow>
        )}
        <FormRow>
          <Form.Item
            name="durationSeconds"
            label={t(noData ? 'rule.silence' : 'rule.duration')}
            extra={t(noData ? 'rule.silenceHelp' : 'rule.durationHelp')}
            rules={[
              {
                required: true,
                type: 'number',
                min: noData ? 30 : 0,
                max: 86_400,
                message: t(noData ? 'rule.silenceMin' : 'rule.durationRange'),
              },
            ]}
          >
            <InputNumber min={0} max={86_400} suffix={t('unit.seconds')} style={{ width: '100%' }} data-testid="rule-duration" />
          </Form.Item>
          <Form.Item name="severity" label={t('rule.severity')}>
            <Select
              options={ALARM_SEVERITIES.map((value) => ({ value, label: t(`alarmSeverity.${value}`) }))}
              data-testid="rule-severity"
            />
          </Form.Item>
        </FormRow>
        <FormRow>
          <Form.Item name="openWorkOrder" label={t('rule.openWorkOrder')} valuePropName="checked" extra={t('rule.openWorkOrderHelp')}>
            <Switch data-testid="rule-open-work-order" />
          </Form.Item>
          <Form.Item name="active" label={t('rule.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </FormRow>
        {save.error && <Alert type="error" showIcon title={describeError(save.error, t)} />}
      </Form>
    </Modal>
  );
}
