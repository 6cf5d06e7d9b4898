import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Radio, Select } from 'antd';
import type { AssetDetailView, TransferRole } from '@tiantai/shared';
import { useCurrentUser } from '@/lib/authorization';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { useTransferTargets } from '../api/find-transfer-targets';
import { useTransferAsset, type TransferResult } from '../api/transfer-asset';

interface TransferFormValues {
  enterpriseId: string;
  role: TransferRole;
  reason?: string;
}

/**
 * Offers the asset to another enterprise: its ownership (the owner's admin sells it) or its keeping (the
 * keeper's admin sends it to be kept elsewhere). The receiver's admin accepts or declines the offer; only a
 * return to the owner moves at once. An enterprise user cannot list other enterprises: the receiver is found
 * by its unified social credit code or a part of its name.
 */
export function TransferDialog({
  asset,
  onClose,
  onDone,
}: {
  asset: AssetDetailView;
  onClose: () => void;
  onDone: (result: TransferResult) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [form] = Form.useForm<TransferFormValues>();
  const transfer = useTransferAsset(asset.id);
  const [failure, setFailure] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const targets = useTransferTargets(search);
  const owns = asset.enterpriseId === user.organisationId;
  const roles: TransferRole[] = [...(owns ? (['owner'] as const) : []), ...(asset.holder ? (['custodian'] as const) : [])];

  const onFinish = async (values: TransferFormValues) => {
    setFailure(null);
    try {
      const result = await transfer.mutateAsync({
        enterpriseId: values.enterpriseId,
        role: values.role,
        reason: values.reason?.trim() || undefined,
      });
      void message.success(t(result.kind === 'offered' ? 'transfer.offered' : 'transfer.done'));
      onDone(result);
    } catch (error) {
      setFailure(describeError(error, t));
    }
  };

  return (
    <Modal
      open
      title={`${t('transfer.title')} · ${asset.code}`}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('action.cancel')}
        </Button>,
        <Button key="confirm" type="primary" loading={transfer.isPending} onClick={() => form.submit()} data-testid="transfer-confirm">
          {t('transfer.title')}
        </Button>,
      ]}
    >
      <Form<TransferFormValues> form={form} name="transfer" layout="vertical" initialValues={{ role: roles[0] }} onFinish={onFinish}>
        <Form.Item name="role" label={t('transfer.role')} rules={[{ required: true }]}>
          <Radio.Group options={roles.map((r) => ({ value: r, label: t(`transfer.${r}`) }))} />
        </Form.Item>
        <Form.Item
          name="enterpriseId"
          label={t('transfer.enterprise')}
          extra={t('transfer.enterpriseSearchHint')}
          rules={[{ required: true, message: t('transfer.enterpriseRequired') }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch }}
            placeholder={t('transfer.enterprisePlaceholder')}
            loading={targets.isFetching}
            notFoundContent={search.trim().length >= 2 && !targets.isFetching ? t('transfer.noMatch') : null}
            options={(search.trim().length >= 2 ? (targets.data ?? []) : []).map((e) => ({ value: e.id, label: e.name }))}
            data-testid="transfer-enterprise"
          />
        </Form.Item>
        <Form.Item name="reason" label={t('transfer.reason')} rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
        </Form.Item>
        <Alert type="info" showIcon title={t('transfer.warning')} style={{ marginBottom: failure ? 12 : 0 }} />
        {failure && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}
