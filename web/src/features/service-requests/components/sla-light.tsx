import { Flex, Tooltip, Typography } from 'antd';
import type { RequestView } from '@tiantai/shared';
import { SlaDot } from '@/components/sla-dot';
import { formatDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n';

/** The due time whose clock runs now (the server's rule): accepting, signing for, or answering. */
export function runningDue(request: RequestView): { due: string; label: MessageKey } | null {
  switch (request.status) {
    case 'submitted':
      return { due: request.acceptDueAt, label: 'sla.accept' };
    case 'dispatched':
      return request.signDueAt ? { due: request.signDueAt, label: 'sla.sign' } : null;
    case 'signed':
    case 'in_progress':
      return request.answerDueAt ? { due: request.answerDueAt, label: 'sla.answer' } : null;
    default:
      return null;
  }
}

/** The traffic light of a request with the due time it is measured against. */
export function SlaLight({ request }: { request: RequestView }) {
  const { t } = useI18n();
  if (!request.sla) return <Typography.Text type="secondary">—</Typography.Text>;
  const clock = runningDue(request);
  const waiting: MessageKey | null =
    request.status === 'answered' ? 'sla.waitingRating' : request.status === 'accepted' ? 'sla.waitingDispatch' : null;
  return (
    <Tooltip title={clock ? `${t(clock.label)} ${formatDateTime(clock.due)}` : t(`sla.${request.sla}`)}>
      <Flex align="center" gap={8} data-testid="sla-light" data-sla={request.sla}>
        <SlaDot colour={request.sla} />
        <Flex vertical style={{ lineHeight: 1.3 }}>
          <Typography.Text style={{ fontSize: 13 }}>{t(`sla.${request.sla}`)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {clock ? t('sla.dueBy', { time: formatDateTime(clock.due).slice(5) }) : waiting ? t(waiting) : null}
          </Typography.Text>
        </Flex>
      </Flex>
    </Tooltip>
  );
}
