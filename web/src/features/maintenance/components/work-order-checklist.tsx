import { useState } from 'react';
import { Alert, Button, Card, Flex, Input, Progress, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, MinusOutlined } from '@ant-design/icons';
import type { ChecklistResult, WorkOrderChecklistItemView, WorkOrderDetailView } from '@tiantai/shared';
import { formatDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useTickChecklistItem } from '../api/tick-checklist-item';
import { describeWorkOrderError } from './work-order-error';

const TOUCH = { height: 52, fontSize: 17 } as const;
const RESULT_COLOURS: Record<ChecklistResult, string> = { pass: 'success', fail: 'error', na: 'default' };
const RESULT_ICONS = { pass: <CheckOutlined />, fail: <CloseOutlined />, na: <MinusOutlined /> };

/** Whether the caller may tick now: the order runs and the caller works on it (parts, too, are theirs to take). */
export function canTick(order: WorkOrderDetailView): boolean {
  return (order.status === 'in_progress' || order.status === 'on_hold') && order.allowedActions.includes('use_part');
}

function ChecklistItem({ order, item, editable }: { order: WorkOrderDetailView; item: WorkOrderChecklistItemView; editable: boolean }) {
  const { t } = useI18n();
  const tick = useTickChecklistItem(order.id);
  const [value, setValue] = useState(item.value ?? '');
  const [note, setNote] = useState(item.note ?? '');
  const submit = (result: ChecklistResult) =>
    tick.mutate({ itemId: item.id, body: { result, value: value.trim() || undefined, note: note.trim() || undefined } });

  return (
    <Card size="small" data-testid="checklist-item" data-item={item.item} data-result={item.result ?? 'open'}>
      <Flex vertical gap={10}>
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {item.seq}. {item.item}
            {item.required && <Typography.Text type="danger"> *</Typography.Text>}
          </Typography.Text>
          {item.result ? (
            <Tag color={RESULT_COLOURS[item.result]} data-testid="checklist-item-state">
              {t(`checklist.result.${item.result}`)}
            </Tag>
          ) : (
            <Tag data-testid="checklist-item-state">{t('checklist.open')}</Tag>
          )}
        </Flex>
        {editable ? (
          <>
            <Flex gap={8}>
              {(['pass', 'fail', 'na'] as const).map((result) => (
                <Button
                  key={result}
                  block
                  style={TOUCH}
                  icon={RESULT_ICONS[result]}
                  danger={result === 'fail'}
                  type={item.result === result ? 'primary' : 'default'}
                  disabled={tick.isPending}
                  onClick={() => submit(result)}
                  data-testid={`checklist-${result}`}
                >
                  {t(`checklist.result.${result}`)}
                </Button>
              ))}
            </Flex>
            <Flex gap={8} wrap>
              <Input
                placeholder={t('checklist.valuePlaceholder')}
                value={value}
                maxLength={200}
                onChange={(event) => setValue(event.target.value)}
                style={{ flex: '1 1 140px' }}
                data-testid="checklist-value"
              />
              <Input
                placeholder={t('checklist.notePlaceholder')}
                value={note}
                maxLength={1000}
                onChange={(event) => setNote(event.target.value)}
                style={{ flex: '2 1 200px' }}
                data-testid="checklist-note"
              />
            </Flex>
          </>
        ) : (
          (item.value || item.note) && (
            <Typography.Text type="secondary">{[item.value, item.note].filter(Boolean).join(' · ')}</Typography.Text>
          )
        )}
        {item.checkedAt && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('checklist.checkedBy', { name: item.checkedBy ?? '—', at: formatDateTime(item.checkedAt) })}
          </Typography.Text>
        )}
        {tick.isError && <Alert type="error" showIcon title={describeWorkOrderError(tick.error, t)} data-testid="checklist-error" />}
      </Flex>
    </Card>
  );
}

/** A maintenance order's checklist, ticked item by item on the phone; done waits for every required item. */
export function WorkOrderChecklist({ order }: { order: WorkOrderDetailView }) {
  const { t } = useI18n();
  const editable = canTick(order);
  const ticked = order.checklist.filter((c) => c.result !== null).length;
  const missing = order.checklist.filter((c) => c.required && c.result === null).length;
  return (
    <Card
      size="small"
      title={t('checklist.title')}
      extra={
        <Typography.Text type="secondary" data-testid="checklist-progress">
          {t('checklist.progress', { done: ticked, total: order.checklist.length })}
        </Typography.Text>
      }
      data-testid="work-order-checklist"
    >
      <Flex vertical gap={10}>
        <Progress
          percent={Math.round((ticked / order.checklist.length) * 100)}
          showInfo={false}
          size="small"
          aria-label={`${t('checklist.title')} ${t('checklist.progress', { done: ticked, total: order.checklist.length })}`}
        />
        {!editable && order.status !== 'done' && order.status !== 'accepted' && order.status !== 'cancelled' && missing > 0 && (
          <Typography.Text type="secondary">{t('checklist.startFirst')}</Typography.Text>
        )}
        {editable && missing > 0 && (
          <Typography.Text type="warning" data-testid="checklist-missing">
            {t('checklist.missing', { missing })}
          </Typography.Text>
        )}
        {order.checklist.map((item) => (
          <ChecklistItem key={`${item.id}-${item.checkedAt ?? ''}`} order={order} item={item} editable={editable} />
        ))}
      </Flex>
    </Card>
  );
}
