import { useState } from 'react';
import { Button, Card, Col, Flex, Row, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { ASSET_KINDS, ASSET_STATES } from '@tiantai/shared';
import type { AssetKind, AssetState, AssetView } from '@tiantai/shared';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { SearchInput } from '@/components/search-input';
import { useCan } from '@/lib/authorization';
import { useUrlFilter } from '@/lib/url-filter';
import { useI18n } from '@/lib/i18n';
import { useAssets } from '../api/get-assets';
import type { AssetFilter } from '../api/get-assets';
import { useLines } from '../api/get-lines';
import { usePlants } from '../api/get-plants';
import { AssetFormModal } from './asset-form-modal';
import { AssetSharingSwitch } from './asset-sharing-switch';
import { AssetStateTag } from './asset-state-tag';
import { IncomingTransfersCard } from './incoming-transfers-card';
import { MoldLifeBar } from './mold-life-bar';
import { PlaceFormModal } from './place-form-modal';
import { PlantTree } from './plant-tree';

const PAGE_SIZES = [10, 20, 50, 100];

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((v) => v === value);
}

/** The filter lives in the URL, so a plant's list survives opening an asset and coming back. */
function readFilter(params: URLSearchParams): AssetFilter {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    kind: oneOf(ASSET_KINDS, params.get('kind')),
    state: oneOf(ASSET_STATES, params.get('state')),
    plantId: params.get('plantId') ?? undefined,
    lineId: params.get('lineId') ?? undefined,
    q: params.get('q') ?? undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

export function AssetsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const admin = useCan('assets.manage');
  const { params, update, reset } = useUrlFilter();
  const filter = readFilter(params);
  const assets = useAssets(filter);
  const plants = usePlants();
  const lines = useLines();
  const [creating, setCreating] = useState<'asset' | 'plant' | 'line' | null>(null);

  const linkTo = (asset: AssetView) => `/assets/${encodeURIComponent(asset.id)}`;
  const columns: TableColumnsType<AssetView> = [
    {
      title: t('asset.code'),
      dataIndex: 'code',
      width: 120,
      fixed: 'left',
      render: (code: string, asset) => (
        <Link to={linkTo(asset)} className="tt-mono">
          {code}
        </Link>
      ),
    },
    {
      title: t('asset.name'),
      dataIndex: 'name',
      minWidth: 140,
      ellipsis: true,
      render: (name: string, asset) => (
        <Link to={linkTo(asset)} style={{ fontWeight: 500, color: 'inherit' }} data-testid="asset-link">
          {name}
        </Link>
      ),
    },
    { title: t('asset.kind'), dataIndex: 'kind', width: 64, render: (kind: AssetKind) => t(`assetKind.${kind}`) },
    {
      title: t('asset.modelMaker'),
      key: 'model',
      width: 130,
      ellipsis: true,
      render: (_, asset) => [asset.model, asset.maker].filter(Boolean).join(' · ') || '—',
    },
    {
      title: t('asset.place'),
      key: 'place',
      width: 150,
      ellipsis: true,
      render: (_, asset) => [asset.plantName, asset.lineName].filter(Boolean).join(' · ') || '—',
    },
    { title: t('asset.state'), dataIndex: 'state', width: 88, render: (state: AssetState) => <AssetStateTag state={state} /> },
    { title: t('asset.life'), key: 'life', width: 150, render: (_, asset) => <MoldLifeBar asset={asset} /> },
    {
      title: t('asset.mountedOn'),
      dataIndex: 'mountedOnName',
      width: 110,
      ellipsis: true,
      render: (name: string | null, asset) =>
        asset.mountedOnAssetId ? (
          <Link to={`/assets/${encodeURIComponent(asset.mountedOnAssetId)}`}>{name}</Link>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  const hasFilter = Boolean(filter.kind || filter.state || filter.q || filter.plantId || filter.lineId);

  return (
    <>
      <PageHeader
        title={t('assets.title')}
        subtitle={t('assets.subtitle')}
        extra={
          <>
            <AssetSharingSwitch />
            {admin && (
              <>
                <Button onClick={() => setCreating('plant')} data-testid="new-plant">
                  {t('assets.newPlant')}
                </Button>
                <Button onClick={() => setCreating('line')} disabled={!plants.data?.length} data-testid="new-line">
                  {t('assets.newLine')}
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating('asset')} data-testid="new-asset">
                  {t('assets.new')}
                </Button>
              </>
            )}
          </>
        }
      />
      {admin && <IncomingTransfersCard />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={6} xl={5} xxl={4}>
          <Card size="small" title={t('assets.tree')}>
            {plants.isError ? (
              <QueryError error={plants.error} onRetry={() => void plants.refetch()} />
            ) : (
              <PlantTree
                plants={plants.data ?? []}
                lines={lines.data ?? []}
                loading={plants.isPending || lines.isPending}
                value={{ plantId: filter.plantId, lineId: filter.lineId }}
                onChange={(place) => update({ plantId: place.plantId, lineId: place.lineId })}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={18} xl={19} xxl={20}>
          <Card>
            <Flex gap={12} wrap style={{ marginBottom: 16 }}>
              <SearchInput
                value={filter.q}
                onSearch={(q) => update({ q })}
                placeholder={t('assets.searchPlaceholder')}
                width={240}
                testId="asset-search"
              />
              <Select<AssetKind>
                allowClear
                placeholder={t('asset.kind')}
                aria-label={t('asset.kind')}
                value={filter.kind}
                onChange={(value: AssetKind | undefined) => update({ kind: value })}
                options={ASSET_KINDS.map((k) => ({ value: k, label: t(`assetKind.${k}`) }))}
                style={{ width: 120 }}
                data-testid="asset-kind-filter"
              />
              <Select<AssetState>
                allowClear
                placeholder={t('asset.state')}
                aria-label={t('asset.state')}
                value={filter.state}
                onChange={(value: AssetState | undefined) => update({ state: value })}
                options={ASSET_STATES.map((s) => ({ value: s, label: t(`assetState.${s}`) }))}
                style={{ width: 130 }}
                data-testid="asset-state-filter"
              />
              {hasFilter && (
                <Button type="link" onClick={() => reset()}>
                  {t('action.clearFilters')}
                </Button>
              )}
            </Flex>
            {assets.isError ? (
              <QueryError error={assets.error} onRetry={() => void assets.refetch()} />
            ) : (
              <Table<AssetView>
                rowKey="id"
                size="middle"
                columns={columns}
                dataSource={assets.data?.items}
                loading={assets.isFetching}
                // Scrolls sideways only with rows: their code links take the keyboard there. An empty table that
                // scrolled would be a region no keyboard reaches.
                scroll={assets.data?.items.length ? { x: 950 } : undefined}
                data-testid="asset-table"
                pagination={{
                  current: filter.page,
                  pageSize: filter.pageSize,
                  total: assets.data?.total ?? 0,
                  showSizeChanger: true,
                  pageSizeOptions: PAGE_SIZES,
                  showTotal: (count) => t('common.total', { count }),
                  onChange: (page, pageSize) => update({ page: String(page), pageSize: String(pageSize) }, true),
                }}
              />
            )}
          </Card>
        </Col>
      </Row>
      {creating === 'asset' && (
        <AssetFormModal
          plants={plants.data ?? []}
          lines={lines.data ?? []}
          place={{ plantId: filter.plantId, lineId: filter.lineId }}
          onClose={() => setCreating(null)}
          onCreated={(created) => {
            setCreating(null);
            void navigate(`/assets/${encodeURIComponent(created.id)}`);
          }}
        />
      )}
      {(creating === 'plant' || creating === 'line') && (
        <PlaceFormModal kind={creating} plants={plants.data ?? []} defaultPlantId={filter.plantId} onClose={() => setCreating(null)} />
      )}
    </>
  );
}
