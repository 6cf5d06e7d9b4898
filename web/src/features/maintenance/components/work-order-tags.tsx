import { Tag } from 'antd';
import type { PlanStatus, WorkOrderKind, WorkOrderStatus, WorkOrderView } from '@tiantai/shared';
import { useI18n } from '@/lib/i18n';

const KIND_COLOURS: Record<WorkOrderKind, string> = { maintenance: 'blue', inspection: 'cyan', repair: 'volcano' };
const STATUS_COLOURS: Record<WorkOrderStatus, string> = {
  reported: 'gold',
  assigned: 'blue',
  in_progress: 'processing',
  on_hold: 'warning',
  done: 'purple',
  accepted: 'success',
  cancelled: 'default',
};
const PLAN_STATUS_COLOURS: Record<PlanStatus, string> = { OK: 'success', WARNING: 'warning', DUE: 'orange', OVERDUE: 'error' };

export function WorkOrderKindTag({ kind }: { kind: WorkOrderKind }) {
  const { t } = useI18n();
  return (
    <Tag color={KIND_COLOURS[kind]} data-testid="work-order-kind" data-kind={kind}>
      {t(`workOrderKind.${kind}`)}
    </Tag>
  );
}

export function WorkOrderStatusTag({ status }: { status: WorkOrderStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid="work-order-status" data-status={status}>
      {t(`workOrderStatus.${status}`)}
    </Tag>
  );
}

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={PLAN_STATUS_COLOURS[status]} data-testid="plan-status" data-status={status}>
      {t(`planStatus.${status}`)}
    </Tag>
  );
}

/** Past its due time and not yet finished: the list and the detail show the due time in red. */
export function isOverdue(order: Pick<WorkOrderView, 'dueAt' | 'status'>, now = Date.now()): boolean {
  if (!order.dueAt || order.status === 'done' || order.status === 'accepted' || order.status === 'cancelled') return false;
  return new Date(order.dueAt).getTime() < now;
}
