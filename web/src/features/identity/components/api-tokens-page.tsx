import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { API_TOKEN_MAX_DAYS, type ApiTokenView, type CreatedApiToken } from '@tiantai/shared';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { describeError } from '@/lib/error-message';
import { countyDayjs, countyInstantOf, formatDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useCreateApiToken } from '../api/create-api-token';
import { useApiTokens } from '../api/get-api-tokens';
import { useRevokeApiToken } from '../api/revoke-api-token';

interface TokenForm {
  name: string;
  expiresOn?: Dayjs | null;
  readOnly?: boolean;
}

function CreateTokenModal({ onClose, onCreated }: { onClose: () => void; onCreated: (token: CreatedApiToken) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<TokenForm>();
  const createToken = useCreateApiToken();
  const [failure, setFailure] = useState<string | null>(null);

  const onFinish = async ({ name, expiresOn, readOnly }: TokenForm) => {
    setFailure(null);
    try {
      onCreated(
        await createToken.mutateAsync({
          name: name.trim(),
          // Valid through the chosen day, to its end on the county's clock.
          ...(expiresOn && { expiresAt: countyInstantOf(expiresOn.endOf('day')) }),
          scope: readOnly ? 'read' : 'full',
        }),
      );
    } catch (error) {
      setFailure(describeError(error, t));
    }
  };

  return (
    <Modal
      open
      title={t('tokens.new')}
      okText={t('tokens.create')}
      cancelText={t('action.cancel')}
      confirmLoading={createToken.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} name="api-token" layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="name"
          label={t('tokens.name')}
          rules={[{ required: true, whitespace: true, max: 100 }]}
          extra={t('tokens.nameHint')}
        >
          <Input autoFocus placeholder={t('tokens.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('tokens.expiresAt')} extra={t('tokens.expiresHint')}>
          <DatePicker
            style={{ width: '100%' }}
            placeholder={t('tokens.noExpiry')}
            disabledDate={(d) => d.isBefore(countyDayjs(), 'day') || d.isAfter(countyDayjs().add(API_TOKEN_MAX_DAYS - 1, 'day'), 'day')}
          />
        </Form.Item>
        <Form.Item name="readOnly" label={t('tokens.readOnly')} valuePropName="checked" extra={t('tokens.readOnlyHint')}>
          <Switch />
        </Form.Item>
        {failure && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}

/** The secret exists in the browser only here, once; the server keeps a hash. */
function TokenSecretModal({ token, onClose }: { token: CreatedApiToken; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open
      title={t('tokens.createdTitle', { name: token.name })}
      onCancel={onClose}
      closable={false}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('tokens.savedIt')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('tokens.onceWarning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph copyable={{ text: token.token }} className="tt-mono tt-secret" data-testid="api-token-secret">
        {token.token}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('tokens.usage')}
        <pre className="tt-code">{`curl -H "Authorization: Bearer ${token.token}" ${window.location.origin}/api/enterprises`}</pre>
      </Typography.Paragraph>
    </Modal>
  );
}

export function ApiTokensPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const tokens = useApiTokens();
  const revokeToken = useRevokeApiToken();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  const columns: TableColumnsType<ApiTokenView> = [
    {
      title: t('tokens.name'),
      dataIndex: 'name',
      render: (name: string) => (
        <span>
          <KeyOutlined style={{ color: '#8c8c8c', marginRight: 8 }} />
          {name}
        </span>
      ),
    },
    {
      title: t('tokens.prefix'),
      dataIndex: 'prefix',
      width: 180,
      render: (prefix: string) => <Typography.Text className="tt-mono">{prefix}…</Typography.Text>,
    },
    {
      title: t('tokens.scope'),
      dataIndex: 'scope',
      width: 110,
      render: (scope: ApiTokenView['scope']) => <Tag color={scope === 'read' ? 'blue' : 'default'}>{t(`tokens.scope.${scope}`)}</Tag>,
    },
    {
      title: t('tokens.expiresAt'),
      dataIndex: 'expiresAt',
      width: 170,
      render: (at: string | null) =>
        at === null ? (
          <Typography.Text type="secondary">{t('tokens.noExpiry')}</Typography.Text>
        ) : Date.parse(at) <= Date.now() ? (
          <Tag color="red">{t('tokens.expired')}</Tag>
        ) : (
          formatDateTime(at)
        ),
    },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 170, render: (at: string) => formatDateTime(at) },
    {
      title: t('tokens.lastUsed'),
      dataIndex: 'lastUsedAt',
      width: 170,
      render: (at: string | null) =>
        at ? formatDateTime(at) : <Typography.Text type="secondary">{t('tokens.neverUsed')}</Typography.Text>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, token) => (
        <Popconfirm
          title={t('tokens.revokeConfirm', { name: token.name })}
          description={t('tokens.revokeHint')}
          okText={t('tokens.revoke')}
          okButtonProps={{ danger: true }}
          cancelText={t('action.cancel')}
          onConfirm={async () => {
            try {
              await revokeToken.mutateAsync(token.id);
              void message.success(t('tokens.revoked'));
            } catch (error) {
              void message.error(describeError(error, t));
            }
          }}
        >
          <Button type="link" size="small" danger icon={<DeleteOutlined />}>
            {t('tokens.revoke')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        subtitle={t('tokens.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-api-token">
            {t('tokens.new')}
          </Button>
        }
      />
      {tokens.isError ? (
        <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <Card>
          <Table<ApiTokenView>
            rowKey="id"
            columns={columns}
            dataSource={tokens.data ?? []}
            loading={tokens.isPending}
            pagination={false}
            locale={{ emptyText: t('tokens.empty') }}
            scroll={{ x: 1040 }}
          />
        </Card>
      )}
      {creating && (
        <CreateTokenModal
          onClose={() => setCreating(false)}
          onCreated={(token) => {
            setCreating(false);
            setCreated(token);
          }}
        />
      )}
      {created && <TokenSecretModal token={created} onClose={() => setCreated(null)} />}
    </>
  );
}
