import { useState } from 'react';
import { Badge, Button, Empty, Flex, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import type { NotificationView } from '@tiantai/shared';
import { formatDateTime } from '@/lib/format';
import { isMessageKey, useI18n } from '@/lib/i18n';
import { useNotifications } from '../api/get-notifications';
import { useMarkNotificationsRead } from '../api/mark-notifications-read';
import { useNotificationStream } from '../api/notification-stream';

const SHOWN = 12;

function NotificationItem({ notification, onOpen }: { notification: NotificationView; onOpen: (n: NotificationView) => void }) {
  const { t } = useI18n();
  const unread = !notification.readAt;
  return (
    <button
      type="button"
      className={`tt-notification${unread ? ' tt-notification--unread' : ''}`}
      onClick={() => onOpen(notification)}
      data-testid="notification-item"
      data-unread={unread}
    >
      <span className="tt-notification__dot" aria-hidden="true" />
      <Flex vertical gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Flex justify="space-between" gap={8}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {kindLabel(notification.kind, t)}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {formatDateTime(notification.createdAt)}
          </Typography.Text>
        </Flex>
        <Typography.Text strong={unread} className="tt-notification__text">
          {notification.requestNumber ? `${notification.requestNumber} ${notification.requestTitle ?? ''}` : notification.text}
        </Typography.Text>
      </Flex>
    </button>
  );
}

/** 派单, 签收 … for a request's steps; 设备告警 · 紧急 for an alarm on one of the enterprise's machines; 资产转移 for an offer. */
function kindLabel(kind: string, t: ReturnType<typeof useI18n>['t']): string {
  const severity = /^alarm_(\w+)$/.exec(kind)?.[1];
  if (severity) {
    const key = `alarmSeverity.${severity}`;
    return isMessageKey(key) ? `${t('notifications.alarm')} · ${t(key)}` : t('notifications.alarm');
  }
  if (kind === 'asset_transfer_offer') return t('notifications.transferOffer');
  const key = `requestEvent.${kind}`;
  return isMessageKey(key) ? t(key) : kind;
}

/** The header's bell: unread count, the latest notifications, live from the server's event stream. */
export function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const notifications = useNotifications();
  const markRead = useMarkNotificationsRead();
  const [open, setOpen] = useState(false);
  useNotificationStream();

  const unread = notifications.data?.unread ?? 0;
  const items = (notifications.data?.items ?? []).slice(0, SHOWN);

  const openNotification = (notification: NotificationView) => {
    setOpen(false);
    if (!notification.readAt) markRead.mutate([notification.id]);
    if (notification.requestId) void navigate(`/requests/${encodeURIComponent(notification.requestId)}`);
    else if (notification.link && /^\/(?!\/)/.test(notification.link)) void navigate(notification.link); // a path in this app only
  };

  const content = (
    <div className="tt-notifications" data-testid="notification-list">
      <Flex justify="space-between" align="center" className="tt-notifications__head">
        <Typography.Text strong>
          {t('notifications.title')}
          {unread > 0 && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8, fontSize: 12 }}>
              {t('notifications.unread', { count: unread })}
            </Typography.Text>
          )}
        </Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={unread === 0}
          onClick={() => markRead.mutate('all')}
          data-testid="notifications-read-all"
        >
          {t('notifications.markAllRead')}
        </Button>
      </Flex>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} style={{ padding: '16px 0' }} />
      ) : (
        <div className="tt-notifications__list">
          {items.map((n) => (
            <NotificationItem key={n.id} notification={n} onOpen={openNotification} />
          ))}
        </div>
      )}
    </div>
  );

  return (
    <Popover
      content={content}
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      arrow={false}
      styles={{ container: { padding: 0 } }}
    >
      <button
        type="button"
        className="tt-bell"
        aria-label={unread > 0 ? `${t('notifications.title')} ${unread > 99 ? '99+' : unread}` : t('notifications.title')}
        data-testid="notification-bell"
        data-unread={unread}
      >
        <Badge count={unread} size="small" overflowCount={99} offset={[2, -2]}>
          <BellOutlined style={{ fontSize: 18, color: 'rgba(255,255,255,0.9)' }} />
        </Badge>
      </button>
    </Popover>
  );
}
