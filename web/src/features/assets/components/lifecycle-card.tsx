import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Timeline, Typography } from 'antd';
import type { AssetDetailView, AssetEventView, AssetState } from '@tiantai/shared';
import { isApiError } from '@/lib/api-client';
import { describeError } from '@/lib/error-message';
import { formatDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useChangeLifecycle } from '../api/change-lifecycle';
import { AssetStateTag } from './asset-state-tag';

const EVENT_COLOURS: Record<AssetEventView['kind'], string> = {
  created: 'gray',
  lifecycle: 'blue',
  mounted: 'green',
  unmounted: 'orange',
  transferred: 'purple',
};

function MoveDialog({ asset, to, onClose }: { asset: AssetDetailView; to: AssetState; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const change = useChangeLifecycle(asset.id);
  const [failure, setFailure] = useState<string | null>(null);
  const state = t(`assetState.${to}`);

  const onFinish = async ({ reason }: { reason: string }) => {
    setFailure(null);
    try {
      await change.mutateAsync({ to, reason: reason.trim() });
      void message.success(t('lifecycle.done', { state }));
      onClose();
    } catch (error) {
      // Someone else moved the asset meanwhile: the page now shows its state, and this move is stale.
      if (isApiError(error, 'INVALID_TRANSITION')) {
        void message.warning(t('lifecycle.stale'));
        onClose();
        return;
      }
      setFailure(describeError(error, t));
    }
  };

  return (
    <Modal
      open
      title={`${t('lifecycle.moveTo', { state })} · ${asset.code}`}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('action.cancel')}
        </Button>,
        <Button
          key="confirm"
          type="primary"
          danger={to === 'scrapped'}
          loading={change.isPending}
          onClick={() => form.submit()}
          data-testid="lifecycle-confirm"
        >
          {t('lifecycle.moveTo', { state })}
        </Button>,
      ]}
    >
      <Form form={form} name="lifecycle" layout="vertical" onFinish={onFinish}>
        {to === 'scrapped' && <Alert type="warning" showIcon title={t('lifecycle.scrapWarning')} style={{ marginBottom: 12 }} />}
        <Form.Item name="reason" label={t('lifecycle.reason')} rules={[{ required: true, whitespace: true, max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
        </Form.Item>
        {failure && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}

/** The asset's history (newest first, as the server sends it) and the lifecycle moves the user may make now. */
export function LifecycleCard({ asset }: { asset: AssetDetailView }) {
  const { t } = useI18n();
  const [moving, setMoving] = useState<AssetState | null>(null);
  return (
    <Card size="small" title={t('lifecycle.title')} data-testid="lifecycle-card">
      {asset.allowedTransitions.length > 0 && (
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          {asset.allowedTransitions.map((to) => (
            <Button key={to} danger={to === 'scrapped'} onClick={() => setMoving(to)} data-testid={`move-${to}`}>
              {t('lifecycle.moveTo', { state: t(`assetState.${to}`) })}
            </Button>
          ))}
        </Flex>
      )}
      <Timeline
        items={asset.events.map((event) => ({
          key: event.id,
          color: event.toState === 'scrapped' ? 'red' : EVENT_COLOURS[event.kind],
          content: (
            <Flex vertical gap={2} data-testid="asset-event" data-kind={event.kind}>
              <Flex justify="space-between" gap={8} wrap>
                <Flex gap={6} align="center" wrap>
                  <Typography.Text strong>{t(`assetEvent.${event.kind}`)}</Typography.Text>
                  {event.toState && <AssetStateTag state={event.toState} />}
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(event.at)}
                </Typography.Text>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {event.actorName ?? t('lifecycle.system')}
              </Typography.Text>
              {event.reason && <div className="tt-timeline-note">{event.reason}</div>}
            </Flex>
          ),
        }))}
      />
      {moving && <MoveDialog asset={asset} to={moving} onClose={() => setMoving(null)} />}
    </Card>
  );
}
