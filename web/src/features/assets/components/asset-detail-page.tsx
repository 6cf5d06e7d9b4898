import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Skeleton, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { ArrowLeftOutlined, SwapOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import type { AssetDetailView } from '@tiantai/shared';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useCan, useCurrentUser } from '@/lib/authorization';
import { formatDate, formatNumber } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useAsset } from '../api/get-asset';
import { AssetLabelCard } from './asset-label-card';
import { AssetPlansCard } from './asset-plans-card';
import { AssetStateTag } from './asset-state-tag';
import { AssetDevicesCard } from './asset-devices-card';
import { AssetWorkOrdersCard } from './asset-work-orders-card';
import { CountersCard } from './counters-card';
import { LifecycleCard } from './lifecycle-card';
import { MoldLifeBar } from './mold-life-bar';
import { MountCard } from './mount-card';
import { PendingTransferAlert } from './pending-transfer-alert';
import { TransferDialog } from './transfer-dialog';

function AssetDescriptions({ asset }: { asset: AssetDetailView }) {
  const { t, locale } = useI18n();
  const mold = asset.kind === 'mold';
  const items: DescriptionsProps['items'] = [
    { key: 'kind', label: t('asset.kind'), children: t(`assetKind.${asset.kind}`) },
    { key: 'model', label: t('asset.model'), children: asset.model ?? '—' },
    { key: 'maker', label: t('asset.maker'), children: asset.maker ?? '—' },
    { key: 'serial', label: t('asset.serial'), children: <span className="tt-mono">{asset.serial ?? '—'}</span> },
    { key: 'installDate', label: t('asset.installDate'), children: formatDate(asset.installDate) },
    { key: 'criticality', label: t('asset.criticality'), children: t(`criticality.${asset.criticality}`) },
    { key: 'plant', label: t('asset.plant'), children: asset.plantName ?? '—' },
    { key: 'line', label: t('asset.line'), children: asset.lineName ?? '—' },
    ...(mold || asset.custodianEnterpriseId
      ? [
          { key: 'owner', label: t('asset.owner'), children: asset.enterpriseName },
          { key: 'custodian', label: t('asset.custodian'), children: asset.custodianName ?? asset.enterpriseName },
        ]
      : []),
    ...(mold
      ? [
          { key: 'cavities', label: t('asset.cavities'), children: asset.cavities ?? '—' },
          {
            key: 'designLife',
            label: t('asset.designLifeShots'),
            children: asset.designLifeShots === null ? '—' : formatNumber(asset.designLifeShots, locale, 0),
          },
        ]
      : []),
    ...Object.entries(asset.attributes).map(([name, value]) => ({
      key: `attr:${name}`,
      label: name,
      children: typeof value === 'boolean' ? t(value ? 'common.yes' : 'common.no') : String(value),
    })),
  ];
  return <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={items} data-testid="asset-descriptions" />;
}

/** One asset: what it is, where it stands, its counters, its press, its maintenance plans and work orders, its history and its QR label. */
export function AssetDetailPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const maintains = useCan('maintenance.work');
  const admin = useCan('assets.manage');
  const provisions = useCan('telemetry.manage');
  const asset = useAsset(id);
  const [transferring, setTransferring] = useState(false);

  const back = (
    <Link to="/assets">
      <Button icon={<ArrowLeftOutlined />}>{t('asset.backToList')}</Button>
    </Link>
  );

  if (asset.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (asset.isError) {
    return (
      <>
        <PageHeader title={t('assets.title')} extra={back} />
        <QueryError error={asset.error} onRetry={() => void asset.refetch()} />
      </>
    );
  }

  const a = asset.data;
  // The owner of a mold kept elsewhere only reads; its keeper records, mounts and moves it.
  const acts = a.holder && a.state !== 'scrapped';
  const mayTransfer = admin && (a.holder || a.enterpriseId === user.organisationId);

  return (
    <>
      <PageHeader
        title={<span data-testid="asset-name">{a.name}</span>}
        subtitle={
          <Flex gap={8} wrap align="center" component="span">
            <span className="tt-mono" data-testid="asset-code">
              {a.code}
            </span>
            <AssetStateTag state={a.state} testId="asset-state" />
            <Tag style={{ marginInlineEnd: 0 }}>{t(`assetKind.${a.kind}`)}</Tag>
            {a.press && (
              <Tag color="geekblue" style={{ marginInlineEnd: 0 }} data-testid="asset-press-tag">
                {t('asset.pressTag')}
              </Tag>
            )}
          </Flex>
        }
        extra={
          <>
            {back}
            {mayTransfer && (
              <Button icon={<SwapOutlined />} onClick={() => setTransferring(true)} data-testid="transfer">
                {t('transfer.title')}
              </Button>
            )}
          </>
        }
      />
      {mayTransfer && <PendingTransferAlert asset={a} canCancel={admin} />}
      {!a.holder && (
        <Alert
          type="info"
          showIcon
          title={t('asset.readOnly', { name: a.custodianName ?? '' })}
          style={{ marginBottom: 16 }}
          data-testid="asset-read-only"
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <Card size="small">
              {a.designLifeShots !== null && (
                <Flex vertical gap={4} style={{ marginBottom: 16 }}>
                  <Flex justify="space-between" wrap gap={8}>
                    <Typography.Text strong>{t('asset.life')}</Typography.Text>
                    {a.remainingShots !== null && (
                      <Typography.Text type={a.overLifeShots ? 'danger' : 'secondary'} data-testid="mold-remaining">
                        {a.overLifeShots
                          ? t('asset.overLife', { count: formatNumber(a.overLifeShots, locale, 0) })
                          : t('asset.remaining', { count: formatNumber(a.remainingShots, locale, 0) })}
                      </Typography.Text>
                    )}
                  </Flex>
                  <MoldLifeBar asset={a} wide />
                </Flex>
              )}
              <AssetDescriptions asset={a} />
            </Card>
            <CountersCard asset={a} canRecord={acts} />
            {(a.kind === 'mold' || a.mounts.length > 0) && <MountCard asset={a} canMount={admin && a.holder} />}
            {maintains && <AssetWorkOrdersCard assetId={a.id} assetCode={a.code} />}
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            {maintains && a.kind === 'equipment' && a.holder && <AssetDevicesCard assetId={a.id} canProvision={provisions} />}
            {maintains && <AssetPlansCard assetId={a.id} />}
            <LifecycleCard asset={a} />
            <AssetLabelCard asset={a} />
          </Flex>
        </Col>
      </Row>
      {transferring && (
        <TransferDialog
          asset={a}
          onClose={() => setTransferring(false)}
          onDone={(result) => {
            setTransferring(false);
            // An offer waits for the receiver (shown above); a return to the owner is made at once, and
            // whoever handed the asset away no longer sees it.
            if (result.kind === 'moved' && !result.asset.holder && result.asset.enterpriseId !== user.organisationId)
              void navigate('/assets');
          }}
        />
      )}
    </>
  );
}
