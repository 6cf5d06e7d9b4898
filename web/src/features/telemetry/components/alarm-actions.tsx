import { App, Button, Tag } from 'antd';
import { CheckOutlined, ToolOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { AlarmView } from '@tiantai/shared';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { useAcknowledgeAlarm } from '../api/acknowledge-alarm';

/** "确认" until someone has seen the alarm, then a quiet "已确认". */
export function AcknowledgeButton({ alarm }: { alarm: AlarmView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const acknowledge = useAcknowledgeAlarm();
  if (alarm.acknowledgedAt) {
    return (
      <Tag icon={<CheckOutlined />} data-testid="alarm-acknowledged" style={{ marginInlineEnd: 0 }}>
        {t('alarm.acknowledged')}
      </Tag>
    );
  }
  return (
    <Button
      size="small"
      loading={acknowledge.isPending}
      onClick={() =>
        acknowledge.mutate(alarm.id, {
          onSuccess: () => void message.success(t('alarm.acknowledgedDone')),
          onError: (error) => void message.error(describeError(error, t)),
        })
      }
      data-testid="alarm-acknowledge"
    >
      {t('alarm.acknowledge')}
    </Button>
  );
}

/** The repair work order the alarm opened, if its rule asked for one. */
export function WorkOrderLink({ alarm }: { alarm: AlarmView }) {
  const { t } = useI18n();
  if (!alarm.workOrderId) return null;
  return (
    <Link to={`/work-orders/${encodeURIComponent(alarm.workOrderId)}`} data-testid="alarm-work-order">
      <ToolOutlined /> {t('alarm.workOrder')}
    </Link>
  );
}
