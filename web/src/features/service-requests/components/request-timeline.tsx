import { Flex, Timeline, Typography } from 'antd';
import type { RequestEventView } from '@tiantai/shared';
import { formatDateTime } from '@/lib/format';
import { isMessageKey, useI18n } from '@/lib/i18n';

const RED_KINDS = new Set(['escalate', 'reject', 'return', 'decline_extension', 'rate_dissatisfied', 'follow_up_dissatisfied']);
const GREEN_KINDS = new Set([
  'answer',
  'rate_satisfied',
  'rate_basically_satisfied',
  'follow_up_satisfied',
  'follow_up_basically_satisfied',
]);
/** What the system did on its own, or what only concerns the departments. */
const GRAY_KINDS = new Set(['submit', 'close_not_rated']);

function colourOf(kind: string): string {
  if (RED_KINDS.has(kind)) return 'red';
  if (GREEN_KINDS.has(kind)) return 'green';
  if (GRAY_KINDS.has(kind)) return 'gray';
  return 'blue';
}

/** Every step of the request, oldest first, with who took it for which organisation and what they noted. */
export function RequestTimeline({ events }: { events: RequestEventView[] }) {
  const { t } = useI18n();
  const ordered = [...events].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Timeline
      items={ordered.map((event) => {
        const key = `requestEvent.${event.kind}`;
        const who = [event.actorName, event.organisationName].filter(Boolean).join(' · ') || t('request.system');
        return {
          key: event.id,
          color: colourOf(event.kind),
          content: (
            <Flex vertical gap={2} data-testid="timeline-event" data-kind={event.kind}>
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text strong>{isMessageKey(key) ? t(key) : event.kind}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(event.at)}
                </Typography.Text>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {who}
              </Typography.Text>
              {event.note && <div className="tt-timeline-note">{event.note}</div>}
            </Flex>
          ),
        };
      })}
    />
  );
}
