import { useState } from 'react';
import { Alert, Button, Card, Flex, Input, InputNumber, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, ToolOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { InspectionItemView, InspectionResultView } from '@tiantai/shared';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import type { Translate } from '@/lib/i18n';
import { useRecordInspectionResult } from '../api/record-inspection-result';
import { PhotoCheck } from './photo-check';

const TOUCH = { height: 56, fontSize: 18 } as const;

export function rangeOf(item: InspectionItemView): string | null {
  if (item.min === null && item.max === null) return null;
  const unit = item.unit ?? '';
  if (item.min !== null && item.max !== null) return `${item.min} ~ ${item.max} ${unit}`.trim();
  return item.min !== null ? `≥ ${item.min} ${unit}`.trim() : `≤ ${item.max} ${unit}`.trim();
}

const outOfRange = (item: InspectionItemView, n: number) => (item.min !== null && n < item.min) || (item.max !== null && n > item.max);

/** A recorded value as the technician said it: 合格/不合格 for pass_fail, the number with its unit. */
export function formatResultValue(item: InspectionItemView | undefined, value: string | null, t: Translate): string {
  if (value === null || value === '') return '—';
  if (item?.kind === 'pass_fail') return t(value === 'pass' ? 'inspection.result.pass' : 'inspection.result.fail');
  return `${value}${item?.unit ?? ''}`;
}

export function ResultTag({ result }: { result: InspectionResultView | undefined }) {
  const { t } = useI18n();
  if (!result?.recordedAt)
    return (
      <Tag data-testid="item-state" data-state="open">
        {t('inspection.result.open')}
      </Tag>
    );
  if (result.passed === true)
    return (
      <Tag color="success" data-testid="item-state" data-state="passed">
        {t('inspection.result.passed')}
      </Tag>
    );
  if (result.passed === false)
    return (
      <Tag color="error" data-testid="item-state" data-state="failed">
        {t('inspection.result.failed')}
      </Tag>
    );
  return (
    <Tag color="processing" data-testid="item-state" data-state="recorded">
      {t('inspection.result.recorded')}
    </Tag>
  );
}

/** The repair order a failed item opened, with its number, as the technician should quote it. */
export function WorkOrderNotice({ result }: { result: InspectionResultView }) {
  const { t } = useI18n();
  if (!result.workOrderNumber) return null;
  return (
    <Alert
      type="warning"
      showIcon
      icon={<ToolOutlined />}
      title={
        <span data-testid="item-work-order" data-number={result.workOrderNumber}>
          {t('inspection.result.workOrderOpened')}{' '}
          {result.workOrderId ? (
            <Link to={`/work-orders/${encodeURIComponent(result.workOrderId)}`} className="tt-mono">
              {result.workOrderNumber}
            </Link>
          ) : (
            <span className="tt-mono">{result.workOrderNumber}</span>
          )}
        </span>
      }
    />
  );
}

/** One check item as controls a gloved thumb can hit: two big buttons, or a number or text with a submit. */
export function ItemCheck({
  roundId,
  pointId,
  item,
  result,
  disabled,
}: {
  roundId: string;
  pointId: string;
  item: InspectionItemView;
  result: InspectionResultView | undefined;
  disabled: boolean;
}) {
  const { t } = useI18n();
  const record = useRecordInspectionResult(roundId);
  const [draft, setDraft] = useState<string>(result?.value ?? '');
  const submit = (value: string) => record.mutate({ pointId, itemId: item.id, value });
  const range = rangeOf(item);
  const number = Number(draft);
  const draftOutOfRange = draft !== '' && Number.isFinite(number) && outOfRange(item, number);
  const locked = disabled || record.isPending;

  return (
    <Card size="small" data-testid="inspection-item" data-label={item.label} data-kind={item.kind}>
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text strong style={{ fontSize: 17 }}>
            {item.label}
          </Typography.Text>
          <ResultTag result={result} />
        </Flex>

        {item.kind === 'pass_fail' && (
          <Flex gap={12}>
            <Button
              block
              style={TOUCH}
              icon={<CheckOutlined />}
              type={result?.value === 'pass' ? 'primary' : 'default'}
              disabled={locked}
              onClick={() => submit('pass')}
              data-testid="item-pass"
            >
              {t('inspection.result.pass')}
            </Button>
            <Button
              block
              danger
              style={TOUCH}
              icon={<CloseOutlined />}
              type={result?.value === 'fail' ? 'primary' : 'default'}
              disabled={locked}
              onClick={() => submit('fail')}
              data-testid="item-fail"
            >
              {t('inspection.result.fail')}
            </Button>
          </Flex>
        )}

        {(item.kind === 'number' || item.kind === 'meter') && (
          <Flex vertical gap={8}>
            {range && (
              <Typography.Text type="secondary" data-testid="item-range">
                {t('inspection.result.range', { range })}
              </Typography.Text>
            )}
            <Flex gap={12}>
              <InputNumber
                size="large"
                inputMode="decimal"
                value={draft === '' ? null : number}
                onChange={(value) => setDraft(value === null ? '' : String(value))}
                suffix={item.unit ?? undefined}
                disabled={locked}
                aria-label={item.label}
                style={{ flex: 1, fontSize: 18 }}
                data-testid="item-number"
              />
              <Button
                type="primary"
                style={TOUCH}
                disabled={locked || draft === ''}
                onClick={() => submit(draft)}
                data-testid="item-submit"
              >
                {t('inspection.result.submit')}
              </Button>
            </Flex>
            {draftOutOfRange && <Typography.Text type="danger">{t('inspection.result.outOfRange')}</Typography.Text>}
          </Flex>
        )}

        {item.kind === 'text' && (
          <Flex vertical gap={8}>
            <Input.TextArea
              rows={2}
              maxLength={2000}
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              disabled={locked}
              aria-label={item.label}
              style={{ fontSize: 16 }}
              data-testid="item-text"
            />
            <Button
              type="primary"
              style={TOUCH}
              disabled={locked || (item.required && draft.trim() === '')}
              onClick={() => submit(draft.trim())}
              data-testid="item-submit"
            >
              {t('inspection.result.submit')}
            </Button>
          </Flex>
        )}

        {item.kind === 'photo' && <PhotoCheck roundId={roundId} item={item} result={result} disabled={disabled} />}

        {record.isError && <Alert type="error" showIcon title={describeError(record.error, t)} data-testid="item-error" />}
        {result && <WorkOrderNotice result={result} />}
      </Flex>
    </Card>
  );
}
