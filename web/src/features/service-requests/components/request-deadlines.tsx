import { Flex, Tag, Typography } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined, CloseCircleFilled } from '@ant-design/icons';
import type { RequestView } from '@tiantai/shared';
import { formatDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n';

interface Deadline {
  label: MessageKey;
  due: string | null;
  doneAt: string | null;
  /** From the server where it records it (accepting, answering); else by comparing the times. */
  onTime: boolean | null;
  testId: string;
}

function Outcome({ deadline, stopped, paused }: { deadline: Deadline; stopped: boolean; paused: boolean }) {
  const { t } = useI18n();
  if (!deadline.due || (!deadline.doneAt && stopped)) return <Typography.Text type="secondary">—</Typography.Text>;
  if (!deadline.doneAt) {
    if (paused) {
      return (
        <Tag color="warning" style={{ marginInlineEnd: 0 }}>
          {t('request.paused')}
        </Tag>
      );
    }
    return (
      <Tag icon={<ClockCircleOutlined />} color="processing" style={{ marginInlineEnd: 0 }}>
        {t('sla.running')}
      </Tag>
    );
  }
  const onTime = deadline.onTime ?? deadline.doneAt <= deadline.due;
  return onTime ? (
    <Tag icon={<CheckCircleFilled />} color="success" style={{ marginInlineEnd: 0 }}>
      {t('sla.onTime')}
    </Tag>
  ) : (
    <Tag icon={<CloseCircleFilled />} color="error" style={{ marginInlineEnd: 0 }}>
      {t('sla.late')}
    </Tag>
  );
}

/** The three clocks of a request: accept (office), sign for and answer (lead department). */
export function RequestDeadlines({ request }: { request: RequestView }) {
  const { t } = useI18n();
  const stopped = request.status === 'rejected' || request.status === 'closed';
  const deadlines: Deadline[] = [
    { label: 'sla.accept', due: request.acceptDueAt, doneAt: request.acceptedAt, onTime: request.acceptedOnTime, testId: 'due-accept' },
    { label: 'sla.sign', due: request.signDueAt, doneAt: request.signedAt, onTime: null, testId: 'due-sign' },
    { label: 'sla.answer', due: request.answerDueAt, doneAt: request.answeredAt, onTime: request.answeredOnTime, testId: 'due-answer' },
  ];
  return (
    <div className="tt-deadlines">
      {deadlines.map((deadline) => (
        <Flex key={deadline.label} vertical gap={4} className="tt-deadline" data-testid={deadline.testId}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(deadline.label)}
          </Typography.Text>
          <Typography.Text strong>{formatDateTime(deadline.due)}</Typography.Text>
          <Flex align="center" gap={8} wrap>
            <Outcome deadline={deadline} stopped={stopped} paused={request.paused && deadline.label === 'sla.answer'} />
            {deadline.doneAt && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(deadline.doneAt)}
              </Typography.Text>
            )}
          </Flex>
        </Flex>
      ))}
    </div>
  );
}
