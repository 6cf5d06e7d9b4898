import { useState } from 'react';
import { App, Button, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { metricInfo, metricName, withUnit } from '@tiantai/shared';
import type { AlarmRuleView } from '@tiantai/shared';
import { QueryError } from '@/components/query-error';
import { useCan } from '@/lib/authorization';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import type { Locale, Translate } from '@/lib/i18n';
import { useAlarmRules, useDeleteAlarmRule } from '../api/alarm-rules';
import { AlarmRuleFormModal } from './alarm-rule-form-modal';
import { SeverityTag } from './telemetry-tags';
import { formatDuration } from './telemetry-format';

/**
 * "模温 > 200 °C（低于 190 °C 恢复）持续 30 秒" or "5 分钟 无数据": the metric by its name for the rule's device
 * type (an unknown key as itself), the thresholds in its unit.
 */
export function describeCondition(rule: AlarmRuleView, t: Translate, locale: Locale): string {
  const lasting = rule.durationSeconds > 0 ? ` ${t('rule.lasting', { duration: formatDuration(rule.durationSeconds * 1000, t) })}` : '';
  if (rule.condition === 'no_data') return t('rule.noDataFor', { duration: formatDuration(rule.durationSeconds * 1000, t) });
  const info = metricInfo(rule.deviceType, rule.metric ?? '');
  const value = (v: number | null) => (v === null ? '' : withUnit(String(v), info.unit));
  const sign = rule.condition === 'above' ? '>' : '<';
  const clear =
    rule.clearThreshold !== null && rule.clearThreshold !== rule.threshold
      ? t(rule.condition === 'above' ? 'rule.clearsBelow' : 'rule.clearsAbove', { value: value(rule.clearThreshold) })
      : '';
  return `${metricName(info, locale)} ${sign} ${value(rule.threshold)}${clear}${lasting}`;
}

/** The enterprise's alarm rules; the admin writes them, everyone reads what raises an alarm. */
export function AlarmRulesPanel() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const admin = useCan('telemetry.manage');
  const rules = useAlarmRules();
  const remove = useDeleteAlarmRule();
  const [editing, setEditing] = useState<AlarmRuleView | 'new' | null>(null);

  const columns: TableColumnsType<AlarmRuleView> = [
    {
      title: t('rule.name'),
      dataIndex: 'name',
      minWidth: 160,
      render: (name: string, rule) => (
        <Flex gap={6} align="center" wrap>
          <span data-testid="rule-name">{name}</span>
          {!rule.active && <Tag>{t('rule.inactive')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('rule.deviceType'),
      dataIndex: 'deviceType',
      width: 120,
      render: (type: string | null) =>
        type ? <span className="tt-mono">{type}</span> : <Typography.Text type="secondary">{t('rule.anyType')}</Typography.Text>,
    },
    {
      title: t('rule.condition'),
      key: 'condition',
      minWidth: 240,
      render: (_, rule) => <span data-testid="rule-condition">{describeCondition(rule, t, locale)}</span>,
    },
    { title: t('rule.severity'), dataIndex: 'severity', width: 80, render: (_, rule) => <SeverityTag severity={rule.severity} /> },
    {
      title: t('rule.openWorkOrder'),
      dataIndex: 'openWorkOrder',
      width: 110,
      render: (open: boolean) =>
        open ? <Tag color="blue">{t('rule.opensWorkOrder')}</Tag> : <Typography.Text type="secondary">—</Typography.Text>,
    },
    ...(admin
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 130,
            fixed: 'right' as const,
            render: (_: unknown, rule: AlarmRuleView) => (
              <Flex gap={4}>
                <Button type="link" size="small" onClick={() => setEditing(rule)} data-testid="rule-edit">
                  {t('action.edit')}
                </Button>
                <Popconfirm
                  title={t('rules.deleteConfirm', { name: rule.name })}
                  okText={t('action.delete')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('action.cancel')}
                  onConfirm={async () => {
                    try {
                      await remove.mutateAsync(rule.id);
                      void message.success(t('rules.deleted'));
                    } catch (error) {
                      void message.error(describeError(error, t));
                    }
                  }}
                >
                  <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('action.delete')} />
                </Popconfirm>
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('rules.hint')}</Typography.Text>
        {admin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-rule">
            {t('rules.new')}
          </Button>
        )}
      </Flex>
      {rules.isError ? (
        <QueryError error={rules.error} onRetry={() => void rules.refetch()} />
      ) : (
        <Table<AlarmRuleView>
          rowKey="id"
          columns={columns}
          dataSource={rules.data ?? []}
          loading={rules.isPending}
          size="middle"
          scroll={{ x: 900 }}
          locale={{ emptyText: t(admin ? 'rules.emptyAdmin' : 'rules.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="rules-table"
        />
      )}
      {editing && <AlarmRuleFormModal rule={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
