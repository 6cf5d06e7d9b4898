import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, InputNumber, Radio, Select, Typography } from 'antd';
import { COUNTER_KINDS } from '@tiantai/shared';
import type { AssetDetailView, CounterKind, ReadingKind } from '@tiantai/shared';
import { isApiError } from '@/lib/api-client';
import { describeError } from '@/lib/error-message';
import { formatDateTime, formatNumber } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useRecordReading } from '../api/record-reading';

interface ReadingFormValues {
  counter: CounterKind;
  value: number | null;
  kind: ReadingKind;
  rolloverAt?: number | null;
}

/** The counter a reading most likely is for: shots on a mold, run hours on a machine. */
function defaultCounter(asset: AssetDetailView): CounterKind {
  return asset.kind === 'mold' ? 'shots' : (asset.counters[0]?.counter ?? 'run_hours');
}

function previousOf(details: unknown): number | undefined {
  if (typeof details !== 'object' || details === null || !('previous' in details)) return undefined;
  return typeof details.previous === 'number' ? details.previous : undefined;
}

/** The counters' totals and a form to record what the physical counter reads now. */
export function CountersCard({ asset, canRecord }: { asset: AssetDetailView; canRecord: boolean }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReadingFormValues>();
  const record = useRecordReading(asset.id);
  const kind = Form.useWatch('kind', form);
  const [failure, setFailure] = useState<{ text: string; backwards: boolean } | null>(null);

  const onFinish = async (values: ReadingFormValues) => {
    setFailure(null);
    const value = values.value ?? 0;
    try {
      await record.mutateAsync({
        counter: values.counter,
        value,
        ...(values.kind === 'reset' && { reset: true }),
        ...(values.kind === 'rollover' && { rollover: true, rolloverAt: values.rolloverAt ?? undefined }),
      });
      void message.success(t('counters.recorded'));
      form.setFieldsValue({ value: null, kind: 'reading', rolloverAt: null });
    } catch (error) {
      if (isApiError(error, 'COUNTER_BACKWARDS')) {
        const previous = previousOf(error.details);
        setFailure({
          text: t('counters.backwards', {
            value: formatNumber(value, locale, 2),
            previous: previous === undefined ? '—' : formatNumber(previous, locale, 2),
          }),
          backwards: true,
        });
        return;
      }
      setFailure({ text: describeError(error, t), backwards: false });
    }
  };

  return (
    <Card size="small" title={t('counters.title')} data-testid="counters-card">
      {asset.counters.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('counters.empty')} />
      ) : (
        <Descriptions
          size="small"
          column={1}
          bordered
          items={asset.counters.map((c) => ({
            key: c.counter,
            label: t(`counter.${c.counter}`),
            children: (
              <Flex vertical gap={0} data-testid={`counter-${c.counter}`} data-value={c.value}>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {formatNumber(c.value, locale, 1)}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('counters.lastReading', { value: formatNumber(c.lastReading, locale, 1), time: formatDateTime(c.updatedAt) })}
                  {c.resetCount > 0 && ` · ${t('counters.resets', { count: c.resetCount })}`}
                </Typography.Text>
              </Flex>
            ),
          }))}
        />
      )}
      {canRecord && (
        <Form<ReadingFormValues>
          form={form}
          name="reading"
          layout="vertical"
          initialValues={{ counter: defaultCounter(asset), kind: 'reading' }}
          onFinish={onFinish}
          onValuesChange={() => setFailure(null)}
          style={{ marginTop: 16 }}
          data-testid="reading-form"
        >
          <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
            {t('counters.record')}
          </Typography.Text>
          <Flex gap={12} wrap align="flex-start">
            <Form.Item name="counter" label={t('counters.counter')} rules={[{ required: true }]} style={{ minWidth: 140 }}>
              <Select options={COUNTER_KINDS.map((c) => ({ value: c, label: t(`counter.${c}`) }))} data-testid="reading-counter" />
            </Form.Item>
            <Form.Item name="value" label={t('counters.reading')} rules={[{ required: true }]} style={{ minWidth: 160, flex: 1 }}>
              <InputNumber min={0} max={1e12} style={{ width: '100%' }} data-testid="reading-value" />
            </Form.Item>
          </Flex>
          <Form.Item name="kind" label={t('counters.readingKind')}>
            <Radio.Group
              options={(['reading', 'reset', 'rollover'] as const).map((k) => ({ value: k, label: t(`readingKind.${k}`) }))}
              data-testid="reading-kind"
            />
          </Form.Item>
          {kind === 'rollover' && (
            <Form.Item name="rolloverAt" label={t('counters.rolloverAt')} extra={t('counters.rolloverHint')} rules={[{ required: true }]}>
              <InputNumber min={1} max={1e12} style={{ width: 200 }} data-testid="reading-rollover-at" />
            </Form.Item>
          )}
          {failure && (
            <Alert
              type={failure.backwards ? 'warning' : 'error'}
              showIcon
              title={failure.backwards ? t('counters.backwardsTitle') : failure.text}
              description={failure.backwards ? failure.text : undefined}
              style={{ marginBottom: 12 }}
              data-testid="reading-error"
            />
          )}
          <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="reading-submit">
            {t('counters.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
