import { useState } from 'react';
import { App, Button, Card, Flex, Input, Modal, Popconfirm, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import type { AssetTransferOfferView } from '@tiantai/shared';
import { describeError } from '@/lib/error-message';
import { formatDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useAnswerTransferOffer } from '../api/answer-transfer-offer';
import { useTransferOffers } from '../api/get-transfer-offers';

/**
 * For the enterprise admin: assets other enterprises offer it, each accepted (the asset moves in at once,
 * with its maintenance plans) or declined with an optional note. Nothing shows while there is none.
 */
export function IncomingTransfersCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const offers = useTransferOffers({ direction: 'incoming', status: 'pending' });
  const answer = useAnswerTransferOffer();
  const [declining, setDeclining] = useState<AssetTransferOfferView | null>(null);
  const [note, setNote] = useState('');

  if (!offers.data?.length) return null;

  const act = async (offer: AssetTransferOfferView, kind: 'accept' | 'decline', text?: string) => {
    try {
      await answer.mutateAsync({ id: offer.id, answer: kind, note: text?.trim() || undefined });
      void message.success(t(kind === 'accept' ? 'transfer.accepted' : 'transfer.declined'));
      return true;
    } catch (error) {
      void message.error(describeError(error, t));
      return false;
    }
  };

  return (
    <Card size="small" title={t('transfer.incoming.title')} style={{ marginBottom: 16 }} data-testid="incoming-transfers">
      <Flex vertical gap={12}>
        {offers.data.map((offer) => (
          <Flex key={offer.id} justify="space-between" align="center" gap={12} wrap data-testid="incoming-transfer">
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <Flex gap={8} wrap align="center">
                <span className="tt-mono">{offer.assetCode}</span>
                <Typography.Text strong>{offer.assetName}</Typography.Text>
                <Tag style={{ marginInlineEnd: 0 }}>{t(`assetKind.${offer.assetKind}`)}</Tag>
              </Flex>
              <span>{t('transfer.incoming.from', { name: offer.fromEnterpriseName, what: t(`transfer.what.${offer.role}`) })}</span>
              {offer.reason && <Typography.Text type="secondary">{offer.reason}</Typography.Text>}
              <Typography.Text type="secondary">{formatDateTime(offer.createdAt)}</Typography.Text>
            </Flex>
            <Flex gap={8}>
              <Popconfirm title={t('transfer.acceptConfirm')} onConfirm={() => act(offer, 'accept')}>
                <Button type="primary" size="small" loading={answer.isPending} data-testid="incoming-transfer-accept">
                  {t('transfer.accept')}
                </Button>
              </Popconfirm>
              <Button
                size="small"
                disabled={answer.isPending}
                onClick={() => {
                  setNote('');
                  setDeclining(offer);
                }}
                data-testid="incoming-transfer-decline"
              >
                {t('transfer.decline')}
              </Button>
            </Flex>
          </Flex>
        ))}
      </Flex>
      <Modal
        open={declining !== null}
        title={`${t('transfer.declineTitle')} · ${declining?.assetCode ?? ''}`}
        okText={t('transfer.decline')}
        okButtonProps={{ danger: true, loading: answer.isPending, 'data-testid': 'incoming-transfer-decline-confirm' } as ButtonProps}
        onCancel={() => setDeclining(null)}
        onOk={async () => {
          if (declining && (await act(declining, 'decline', note))) setDeclining(null);
        }}
        destroyOnHidden
      >
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('transfer.declineNote')}
          maxLength={500}
          autoSize={{ minRows: 2, maxRows: 5 }}
          data-testid="incoming-transfer-note"
        />
      </Modal>
    </Card>
  );
}
