import { useState } from 'react';
import { Badge, Button, Card, Flex, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { OrganisationKind, Role, UserView } from '@tiantai/shared';
import { PageHeader } from '@/components/page-header';
import { SearchInput } from '@/components/search-input';
import { QueryError } from '@/components/query-error';
import { useCurrentUser } from '@/lib/authorization';
import { formatDate } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useOrganisations } from '../api/get-organisations';
import { useUsers } from '../api/get-users';
import type { UserFilter } from '../api/get-users';
import { RoleTag } from './role-tag';
import { UserFormModal } from './user-form-modal';

export function UsersPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const [filter, setFilter] = useState<UserFilter>({ page: 1, pageSize: 20 });
  const users = useUsers(filter);
  const organisations = useOrganisations();
  const [editing, setEditing] = useState<UserView | 'new' | null>(null);

  const kinds: OrganisationKind[] = ['county', 'department', 'enterprise'];
  const organisationOptions = kinds
    .map((kind) => ({
      label: t(`organisationKind.${kind}`),
      options: (organisations.data ?? []).filter((o) => o.kind === kind).map((o) => ({ value: o.id, label: o.name })),
    }))
    .filter((group) => group.options.length > 0);

  const columns: TableColumnsType<UserView> = [
    {
      title: t('user.username'),
      dataIndex: 'username',
      width: 160,
      render: (username: string) => <Typography.Text className="tt-mono">{username}</Typography.Text>,
    },
    { title: t('user.displayName'), dataIndex: 'displayName', width: 190 },
    { title: t('user.role'), dataIndex: 'role', width: 150, render: (role: Role) => <RoleTag role={role} /> },
    {
      title: t('user.organisation'),
      dataIndex: 'organisationName',
      render: (name: string, user) => (
        <Space orientation="vertical" size={0}>
          <span>{name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`organisationKind.${user.organisationKind}`)}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('user.phone'), dataIndex: 'phone', width: 140, render: (phone: string | null) => phone ?? '—' },
    {
      title: t('user.status'),
      dataIndex: 'active',
      width: 100,
      render: (active: boolean) =>
        active ? <Badge status="success" text={t('user.active')} /> : <Badge status="default" text={t('user.inactive')} />,
    },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 120, render: (at: string) => formatDate(at) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, user) => (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(user)}>
          {t('action.edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={me.role === 'enterprise_admin' ? t('users.subtitleEnterprise', { name: me.organisationName }) : t('users.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-user">
            {t('users.new')}
          </Button>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <SearchInput
            value={filter.q}
            onSearch={(q) => setFilter({ ...filter, q, page: 1 })}
            placeholder={t('users.searchPlaceholder')}
            testId="user-search"
          />
          {organisationOptions.reduce((n, g) => n + g.options.length, 0) > 1 && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('user.organisation')}
              aria-label={t('user.organisation')}
              value={filter.organisationId}
              onChange={(value: string | undefined) => setFilter({ ...filter, organisationId: value, page: 1 })}
              options={organisationOptions}
              loading={organisations.isPending}
              popupMatchSelectWidth={300}
              style={{ width: 240 }}
            />
          )}
        </Flex>
        {users.isError ? (
          <QueryError error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <Table<UserView>
            rowKey="id"
            columns={columns}
            dataSource={users.data?.items ?? []}
            loading={users.isFetching}
            scroll={{ x: 1100 }}
            pagination={{
              current: filter.page,
              pageSize: filter.pageSize,
              total: users.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (page, pageSize) => setFilter({ ...filter, page, pageSize }),
            }}
          />
        )}
      </Card>
      {editing && <UserFormModal user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
