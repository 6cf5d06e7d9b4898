import { useState } from 'react';
import { Card, Flex, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { AuditEntryView } from '@tiantai/shared';
import { PageHeader } from '@/components/page-header';
import { SearchInput } from '@/components/search-input';
import { QueryError } from '@/components/query-error';
import { formatDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n';
import { useAuditEntries } from '../api/get-audit-entries';
import type { AuditFilter } from '../api/get-audit-entries';

// What the server audits today; an entity or action not listed here shows its raw name.
const ENTITY_LABELS: Record<string, MessageKey> = {
  user: 'auditEntity.user',
  session: 'auditEntity.session',
  api_token: 'auditEntity.api_token',
  park: 'auditEntity.park',
  department: 'auditEntity.department',
  enterprise: 'auditEntity.enterprise',
};

const ACTION_LABELS: Record<string, MessageKey> = {
  create: 'auditAction.create',
  update: 'auditAction.update',
  revoke: 'auditAction.revoke',
  login: 'auditAction.login',
  logout: 'auditAction.logout',
  change_password: 'auditAction.change_password',
  login_failed: 'auditAction.login_failed',
  login_throttled: 'auditAction.login_throttled',
  change_password_failed: 'auditAction.change_password_failed',
  change_password_throttled: 'auditAction.change_password_throttled',
};

const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  update: 'blue',
  revoke: 'red',
  login: 'default',
  logout: 'default',
  change_password: 'orange',
  login_failed: 'red',
  login_throttled: 'red',
  change_password_failed: 'red',
  change_password_throttled: 'red',
};

function JsonBlock({ value, label }: { value: unknown; label: string }) {
  return (
    <div style={{ flex: 1, minWidth: 0 }}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <pre className="tt-code" style={{ maxHeight: 360 }}>
        {value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

/** Keys whose values differ between before and after, so a reviewer sees the change at a glance. */
function changedKeys(before: unknown, after: unknown): string[] {
  if (typeof before !== 'object' || before === null || typeof after !== 'object' || after === null) return [];
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((key) => key !== 'updatedAt' && JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}

export function AuditPage() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<AuditFilter>({ page: 1, pageSize: 50 });
  const entries = useAuditEntries(filter);
  const label = (labels: Record<string, MessageKey>, value: string) => {
    const key = labels[value];
    return key ? t(key) : value;
  };

  const columns: TableColumnsType<AuditEntryView> = [
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (at: string) => formatDateTime(at) },
    {
      title: t('audit.actor'),
      dataIndex: 'actorUsername',
      width: 140,
      render: (username: string | null) => username ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 110,
      render: (action: string) => <Tag color={ACTION_COLORS[action] ?? 'default'}>{label(ACTION_LABELS, action)}</Tag>,
    },
    { title: t('audit.entity'), dataIndex: 'entity', width: 120, render: (entity: string) => label(ENTITY_LABELS, entity) },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      width: 220,
      render: (id: string) => (
        <Typography.Text className="tt-mono" copyable={{ text: id }} ellipsis style={{ maxWidth: 200 }}>
          {id}
        </Typography.Text>
      ),
    },
    {
      title: t('audit.changes'),
      key: 'changes',
      render: (_, entry) => {
        const keys = changedKeys(entry.before, entry.after);
        return keys.length === 0 ? '—' : <Typography.Text type="secondary">{keys.join(', ')}</Typography.Text>;
      },
    },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder={t('audit.entity')}
            aria-label={t('audit.entity')}
            value={filter.entity}
            onChange={(entity: string | undefined) => setFilter({ ...filter, entity, page: 1 })}
            options={Object.keys(ENTITY_LABELS).map((entity) => ({ value: entity, label: label(ENTITY_LABELS, entity) }))}
            style={{ width: 180 }}
          />
          <SearchInput
            value={filter.entityId}
            onSearch={(entityId) => setFilter({ ...filter, entityId, page: 1 })}
            placeholder={t('audit.entityIdPlaceholder')}
            width={300}
          />
        </Flex>
        {entries.isError ? (
          <QueryError error={entries.error} onRetry={() => void entries.refetch()} />
        ) : (
          <Table<AuditEntryView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={entries.data?.items ?? []}
            loading={entries.isFetching}
            scroll={{ x: 1000 }}
            expandable={{
              expandedRowRender: (entry) => (
                <Flex gap={16} wrap>
                  <JsonBlock label={t('audit.before')} value={entry.before} />
                  <JsonBlock label={t('audit.after')} value={entry.after} />
                </Flex>
              ),
              rowExpandable: (entry) => entry.before !== null || entry.after !== null,
            }}
            pagination={{
              current: filter.page,
              pageSize: filter.pageSize,
              total: entries.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100, 200],
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (page, pageSize) => setFilter({ ...filter, page, pageSize }),
            }}
          />
        )}
      </Card>
    </>
  );
}
