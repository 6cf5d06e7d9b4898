import { useState } from 'react';
import { Button, Card, Descriptions, Grid, Skeleton, Space, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { ArrowLeftOutlined, CheckCircleFilled, EditOutlined, WarningFilled } from '@ant-design/icons';
import { checkCreditCode } from '@tiantai/shared';
import type { EnterpriseView } from '@tiantai/shared';
import { Link, useParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { canEditEnterprise, useCan, useCurrentUser } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import type { Translate } from '@/lib/i18n';
import { useEnterprise } from '../api/get-enterprise';
import { EnterpriseFormModal } from './enterprise-form-modal';
import { industryText } from './industry';

function CreditCodeCell({ enterprise, t }: { enterprise: EnterpriseView; t: Translate }) {
  if (!enterprise.creditCode) return <>—</>;
  const check = checkCreditCode(enterprise.creditCode);
  return (
    <Space size={8} wrap>
      <Typography.Text className="tt-mono" copyable>
        {enterprise.creditCode}
      </Typography.Text>
      {enterprise.creditCodeValid === false ? (
        <Tag color="warning" icon={<WarningFilled />}>
          {check.status === 'bad_check' ? t('creditCode.badCheck', { expected: check.expected }) : t('creditCode.storedInvalid')}
        </Tag>
      ) : (
        <Tag color="success" icon={<CheckCircleFilled />}>
          {t('creditCode.valid')}
        </Tag>
      )}
    </Space>
  );
}

export function EnterpriseDetailPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const canEdit = canEditEnterprise(useCurrentUser(), id);
  const canList = useCan('enterprises.read');
  const enterprise = useEnterprise(id);
  const [editing, setEditing] = useState(false);
  // On a phone (technicians scan and read here) labels go above their values.
  const wide = Grid.useBreakpoint().md ?? true;

  if (enterprise.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  }
  if (enterprise.isError) return <QueryError error={enterprise.error} onRetry={() => void enterprise.refetch()} />;

  const e = enterprise.data;
  const items: DescriptionsProps['items'] = [
    { key: 'creditCode', label: t('enterprise.creditCode'), span: 2, children: <CreditCodeCell enterprise={e} t={t} /> },
    { key: 'industry', label: t('enterprise.industry'), children: industryText(e.industryCode, locale) },
    {
      key: 'aboveScale',
      label: t('enterprise.aboveScale'),
      children: e.aboveScale ? <Tag color="blue">{t('enterprise.aboveScaleYes')}</Tag> : <Tag>{t('enterprise.aboveScaleNo')}</Tag>,
    },
    {
      key: 'park',
      label: t('enterprise.park'),
      children:
        e.parkId && e.parkName && canList ? (
          <Link to={`/enterprises?parkId=${encodeURIComponent(e.parkId)}`}>{e.parkName}</Link>
        ) : (
          (e.parkName ?? '—')
        ),
    },
    { key: 'township', label: t('enterprise.township'), children: e.township ?? '—' },
    { key: 'address', label: t('enterprise.address'), span: 2, children: e.address ?? '—' },
    { key: 'contactName', label: t('enterprise.contactName'), children: e.contactName ?? '—' },
    { key: 'contactPhone', label: t('enterprise.contactPhone'), children: e.contactPhone ?? '—' },
    {
      key: 'contactEmail',
      label: t('enterprise.contactEmail'),
      span: 2,
      children: e.contactEmail ? <a href={`mailto:${e.contactEmail}`}>{e.contactEmail}</a> : '—',
    },
    { key: 'createdAt', label: t('common.createdAt'), children: formatDateTime(e.createdAt) },
    { key: 'updatedAt', label: t('common.updatedAt'), children: formatDateTime(e.updatedAt) },
  ];

  return (
    <>
      {canList && (
        <Link to="/enterprises" style={{ display: 'inline-block', marginBottom: 8 }}>
          <ArrowLeftOutlined /> {t('enterprises.backToList')}
        </Link>
      )}
      <PageHeader
        title={
          <Space size={12} wrap>
            <span data-testid="enterprise-name">{e.name}</span>
            {e.aboveScale && <Tag color="blue">{t('enterprise.aboveScaleYes')}</Tag>}
          </Space>
        }
        subtitle={[e.parkName, e.township].filter(Boolean).join(' · ') || undefined}
        extra={
          canEdit && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-enterprise">
              {t('action.edit')}
            </Button>
          )
        }
      />
      <Card title={t('enterprises.profile')}>
        <Descriptions
          bordered
          column={{ xs: 1, sm: 1, md: 2 }}
          layout={wide ? 'horizontal' : 'vertical'}
          items={items}
          styles={wide ? { label: { width: 190, whiteSpace: 'nowrap' } } : undefined}
        />
      </Card>
      {editing && <EnterpriseFormModal enterprise={e} onClose={() => setEditing(false)} />}
    </>
  );
}
