// The in-app page behind the big screens: which screens the user may open (each in a new tab, full
// window), and, for an enterprise admin or the county admin, the read-only kiosk tokens of wall displays.
import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, List, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { DesktopOutlined, ExportOutlined, PlusOutlined } from '@ant-design/icons';
import type { CreatedScreenToken, ScreenKind, ScreenTokenView } from '@tiantai/shared';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { isEnterpriseRole, useCan, useCurrentUser } from '@/lib/authorization';
import { describeError } from '@/lib/error-message';
import { formatDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useCreateScreenToken } from '../api/create-screen-token';
import { useScreenPlants } from '../api/get-screen-plants';
import { useScreenTokens } from '../api/get-screen-tokens';
import { useRevokeScreenToken } from '../api/revoke-screen-token';

interface ScreenLink {
  key: string;
  screen: ScreenKind;
  plantId: string | null;
  title: string;
  path: string;
}

function CreateTokenModal({
  screens,
  onClose,
  onCreated,
}: {
  screens: ScreenLink[];
  onClose: () => void;
  onCreated: (token: CreatedScreenToken) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ name: string; screen: string }>();
  const create = useCreateScreenToken();
  const [failure, setFailure] = useState<string | null>(null);
  const onFinish = async ({ name, screen }: { name: string; screen: string }) => {
    const target = screens.find((s) => s.key === screen)!;
    setFailure(null);
    try {
      onCreated(await create.mutateAsync({ name: name.trim(), screen: target.screen, plantId: target.plantId }));
    } catch (error) {
      setFailure(describeError(error, t));
    }
  };
  return (
    <Modal
      open
      title={t('screens.tokens.new')}
      okText={t('screens.tokens.create')}
      cancelText={t('action.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'screen-token-submit' } as ButtonProps}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ screen: screens[0]?.key }}>
        <Form.Item name="screen" label={t('screens.tokens.screen')} rules={[{ required: true }]}>
          <Select options={screens.map((s) => ({ value: s.key, label: s.title }))} data-testid="screen-token-screen" />
        </Form.Item>
        <Form.Item name="name" label={t('screens.tokens.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input placeholder={t('screens.tokens.namePlaceholder')} data-testid="screen-token-name" />
        </Form.Item>
        {failure && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}

export function ScreensPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const enterprise = isEnterpriseRole(user.role);
  const manages = useCan('screens.tokens');
  const opensCounty = useCan('screens.county');
  const plants = useScreenPlants(enterprise);
  const tokens = useScreenTokens(manages);
  const revoke = useRevokeScreenToken();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedScreenToken | null>(null);

  const screens: ScreenLink[] = enterprise
    ? [
        { key: 'enterprise', screen: 'enterprise', plantId: null, title: t('screens.link.enterprise'), path: '/screens/enterprise' },
        ...(plants.data ?? []).map((p) => ({
          key: `plant:${p.id}`,
          screen: 'plant' as const,
          plantId: p.id,
          title: t('screens.link.plant', { name: p.name }),
          path: `/screens/plant/${p.id}`,
        })),
      ]
    : opensCounty
      ? [{ key: 'county', screen: 'county', plantId: null, title: t('screens.link.county'), path: '/screens/county' }]
      : [];
  const titleOf = (token: ScreenTokenView) =>
    screens.find((s) => s.screen === token.screen && s.plantId === token.plantId)?.title ?? token.screen;

  const columns: TableColumnsType<ScreenTokenView> = [
    { title: t('screens.tokens.name'), dataIndex: 'name' },
    { title: t('screens.tokens.screen'), key: 'screen', render: (_: unknown, token) => titleOf(token) },
    {
      title: t('screens.tokens.prefix'),
      dataIndex: 'prefix',
      width: 150,
      render: (prefix: string) => <Typography.Text className="tt-mono">{prefix}…</Typography.Text>,
    },
    {
      title: t('screens.tokens.lastUsed'),
      dataIndex: 'lastUsedAt',
      width: 170,
      render: (at: string | null) => (at ? formatDateTime(at) : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_: unknown, token) =>
        token.revokedAt ? (
          <Tag>{t('screens.tokens.revoked')}</Tag>
        ) : (
          <Popconfirm
            title={t('screens.tokens.revokeConfirm')}
            onConfirm={async () => {
              try {
                await revoke.mutateAsync(token.id);
                message.success(t('screens.tokens.revokedMessage'));
              } catch (error) {
                message.error(describeError(error, t));
              }
            }}
          >
            <Button danger size="small">
              {t('screens.tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('screens.page.title')} subtitle={t('screens.page.subtitle')} />
      {plants.isError && <QueryError error={plants.error} onRetry={() => void plants.refetch()} />}
      <Card title={t('screens.page.open')} style={{ marginBottom: 16 }}>
        <List
          dataSource={screens}
          locale={{ emptyText: t('screens.page.none') }}
          renderItem={(s) => (
            <List.Item
              actions={[
                <a key="open" href={s.path} target="_blank" rel="noreferrer" data-testid={`open-${s.key}`}>
                  <ExportOutlined /> {t('screens.page.openAction')}
                </a>,
              ]}
            >
              <List.Item.Meta avatar={<DesktopOutlined style={{ fontSize: 22 }} />} title={s.title} />
            </List.Item>
          )}
        />
      </Card>
      {manages && (
        <Card
          title={t('screens.tokens.title')}
          extra={
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              disabled={screens.length === 0}
              data-testid="new-screen-token"
            >
              {t('screens.tokens.new')}
            </Button>
          }
        >
          <Typography.Paragraph type="secondary">{t('screens.tokens.hint')}</Typography.Paragraph>
          {tokens.isError ? (
            <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />
          ) : (
            <Table
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={tokens.data ?? []}
              loading={tokens.isPending}
              pagination={false}
            />
          )}
        </Card>
      )}
      {creating && (
        <CreateTokenModal
          screens={screens}
          onClose={() => setCreating(false)}
          onCreated={(token) => {
            setCreating(false);
            setCreated(token);
          }}
        />
      )}
      {created && (
        <Modal
          open
          title={t('screens.tokens.createdTitle', { name: created.name })}
          closable={false}
          footer={
            <Button type="primary" onClick={() => setCreated(null)}>
              {t('tokens.savedIt')}
            </Button>
          }
        >
          <Alert type="warning" showIcon title={t('screens.tokens.onceWarning')} style={{ marginBottom: 16 }} />
          <Flex vertical gap={8}>
            <Typography.Text>{t('screens.tokens.address')}</Typography.Text>
            <Typography.Paragraph copyable className="tt-mono tt-secret" data-testid="screen-token-address">
              {`${window.location.origin}${created.path}`}
            </Typography.Paragraph>
          </Flex>
        </Modal>
      )}
    </>
  );
}
