import { Tag } from 'antd';
import type { IndicatorStatus, TaskStatus } from '@tiantai/shared';
import { useI18n } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n';

const TASK_COLOUR: Record<TaskStatus, string> = { done: 'success', on_track: 'processing', behind: 'warning', overdue: 'error' };
const INDICATOR_COLOUR: Record<IndicatorStatus, string> = {
  achieved: 'success',
  on_track: 'processing',
  behind: 'warning',
  missed: 'error',
  no_data: 'default',
};

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useI18n();
  return <Tag color={TASK_COLOUR[status]}>{t(`targets.taskStatus.${status}` as MessageKey)}</Tag>;
}

export function IndicatorStatusTag({ status }: { status: IndicatorStatus }) {
  const { t } = useI18n();
  return <Tag color={INDICATOR_COLOUR[status]}>{t(`targets.status.${status}` as MessageKey)}</Tag>;
}

export const growth = (g: number | null) => (g === null ? '—' : `${(g * 100).toFixed(1)}%`);
