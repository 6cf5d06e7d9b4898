import { Alert, App, Button, Popconfirm } from 'antd';
import type { AssetDetailView } from '@tiantai/shared';
import { describeError } from '@/lib/error-message';
import { formatDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useAnswerTransferOffer } from '../api/answer-transfer-offer';
import { useTransferOffers } from '../api/get-transfer-offers';

/** The transfer of this asset the caller's enterprise offered and the receiver has not answered yet; its admin may withdraw it. */
export function PendingTransferAlert({ asset, canCancel }: { asset: AssetDetailView; canCancel: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const offers = useTransferOffers({ direction: 'outgoing', status: 'pending', assetId: asset.id });
  const answer = useAnswerTransferOffer();
  const offer = offers.data?.[0];
  if (!offer) return null;

  const cancel = async () => {
    try {
      await answer.mutateAsync({ id: offer.id, answer: 'cancel' });
      void message.success(t('transfer.cancelled'));
    } catch (error) {
      void message.error(describeError(error, t));
    }
  };

  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="pending-transfer"
      title={t('transfer.pending', { name: offer.toEnterpriseName, what: t(`transfer.what.${offer.role}`) })}
      description={[t('transfer.pendingBy', { user: offer.createdBy ?? '—', at: formatDateTime(offer.createdAt) }), offer.reason]
        .filter(Boolean)
        .join(' · ')}
      action={
        canCancel && (
          <Popconfirm title={t('transfer.cancelConfirm')} onConfirm={cancel} okButtonProps={{ loading: answer.isPending }}>
            <Button size="small" danger data-testid="pending-transfer-cancel">
              {t('transfer.cancelOffer')}
            </Button>
          </Popconfirm>
        )
      }
    />
  );
}
