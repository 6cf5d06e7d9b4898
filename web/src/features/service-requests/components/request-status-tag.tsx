import { Tag } from 'antd';
import type { RequestStatus } from '@tiantai/shared';
import { useI18n } from '@/lib/i18n';

/** Warm while the office or a department owes a step, blue while it is handled, green when closed. */
const STATUS_COLOURS: Record<RequestStatus, string> = {
  submitted: 'gold',
  accepted: 'cyan',
  dispatched: 'blue',
  signed: 'geekblue',
  in_progress: 'processing',
  answered: 'purple',
  closed: 'success',
  rejected: 'default',
};

export function RequestStatusTag({ status }: { status: RequestStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid="request-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`requestStatus.${status}`)}
    </Tag>
  );
}
