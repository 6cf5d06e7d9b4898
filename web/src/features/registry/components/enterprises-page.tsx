import { useMemo, useState } from 'react';
import { AutoComplete, Button, Card, Flex, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, EditOutlined, PlusOutlined, UploadOutlined, WarningFilled } from '@ant-design/icons';
import { Link } from 'react-router';
import type { EnterpriseView } from '@tiantai/shared';
import { PageHeader } from '@/components/page-header';
import { SearchInput } from '@/components/search-input';
import { QueryError } from '@/components/query-error';
import { useCan } from '@/lib/authorization';
import { useUrlFilter } from '@/lib/url-filter';
import { useI18n } from '@/lib/i18n';
import { useEnterprises } from '../api/get-enterprises';
import type { EnterpriseFilter } from '../api/get-enterprises';
import { useParks } from '../api/get-parks';
import { ENTERPRISE_EXPORT_URL } from '../api/import-enterprises';
import { EnterpriseFormModal } from './enterprise-form-modal';
import { EnterpriseImportModal } from './enterprise-import-modal';
import { industryOptions, industryText } from './industry';

type ScaleFilter = 'all' | 'above' | 'below';

/** The filter lives in the URL, so a filtered list can be linked to, bookmarked and returned to. */
function readFilter(params: URLSearchParams): EnterpriseFilter {
  const scale = params.get('aboveScale');
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    q: params.get('q') ?? undefined,
    parkId: params.get('parkId') ?? undefined,
    township: params.get('township') ?? undefined,
    industry: params.get('industry') ?? undefined,
    aboveScale: scale === 'true' ? true : scale === 'false' ? false : undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: [10, 20, 50, 100].includes(pageSize) ? pageSize : 20,
  };
}

export function EnterprisesPage() {
  const { t, locale } = useI18n();
  const canWrite = useCan('registry.write');
  const canReadParks = useCan('parks.read');
  const { params, update, reset } = useUrlFilter();
  const filter = readFilter(params);
  const enterprises = useEnterprises(filter);
  const parks = useParks({ enabled: canReadParks });
  const [townshipText, setTownshipText] = useState(filter.township ?? '');
  const [editing, setEditing] = useState<EnterpriseView | 'new' | null>(null);
  const [importing, setImporting] = useState(false);

  const townships = useMemo(() => {
    const all = new Set<string>();
    for (const park of parks.data ?? []) for (const town of park.towns) all.add(town);
    return [...all].sort((a, b) => a.localeCompare(b, 'zh-CN')).map((town) => ({ value: town }));
  }, [parks.data]);

  const scale: ScaleFilter = filter.aboveScale === undefined ? 'all' : filter.aboveScale ? 'above' : 'below';

  const columns: TableColumnsType<EnterpriseView> = [
    {
      title: t('enterprise.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 250,
      render: (name: string, enterprise) => (
        <Link to={`/enterprises/${encodeURIComponent(enterprise.id)}`} style={{ fontWeight: 500 }}>
          {name}
        </Link>
      ),
    },
    {
      title: t('enterprises.creditCodeColumn'),
      dataIndex: 'creditCode',
      width: 200,
      render: (code: string | null, enterprise) =>
        code ? (
          <Space size={4}>
            <Typography.Text className="tt-mono">{code}</Typography.Text>
            {enterprise.creditCodeValid === false && (
              <Tooltip title={t('creditCode.storedInvalid')}>
                <WarningFilled style={{ color: '#faad14' }} aria-label={t('creditCode.storedInvalid')} />
              </Tooltip>
            )}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('enterprise.industry'),
      dataIndex: 'industryCode',
      width: 200,
      ellipsis: true,
      render: (code: string | null) => industryText(code, locale),
    },
    {
      title: `${t('enterprise.park')} / ${t('enterprise.township')}`,
      key: 'place',
      width: 180,
      render: (_, enterprise) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text ellipsis style={{ maxWidth: 170 }}>
            {enterprise.parkName ?? '—'}
          </Typography.Text>
          {enterprise.township && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {enterprise.township}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('enterprises.scaleColumn'),
      dataIndex: 'aboveScale',
      width: 90,
      render: (above: boolean) =>
        above ? <Tag color="blue">{t('enterprise.aboveScaleYes')}</Tag> : <Tag>{t('enterprise.aboveScaleNo')}</Tag>,
    },
    {
      title: t('enterprise.contact'),
      key: 'contact',
      width: 140,
      render: (_, enterprise) =>
        enterprise.contactName || enterprise.contactPhone ? (
          <Space orientation="vertical" size={0}>
            <span>{enterprise.contactName ?? '—'}</span>
            {enterprise.contactPhone && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {enterprise.contactPhone}
              </Typography.Text>
            )}
          </Space>
        ) : (
          '—'
        ),
    },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, enterprise) => (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(enterprise)}>
          {t('action.edit')}
        </Button>
      ),
    });
  }

  const hasFilter = Boolean(filter.q || filter.parkId || filter.township || filter.industry || filter.aboveScale !== undefined);

  return (
    <>
      <PageHeader
        title={t('enterprises.title')}
        subtitle={t('enterprises.subtitle')}
        extra={
          canWrite && (
            <>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-enterprise">
                {t('enterprises.new')}
              </Button>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="import-enterprises">
                {t('enterprises.import')}
              </Button>
              <Button icon={<DownloadOutlined />} href={ENTERPRISE_EXPORT_URL} download data-testid="export-enterprises">
                {t('enterprises.export')}
              </Button>
            </>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <SearchInput
            value={filter.q}
            onSearch={(q) => update({ q })}
            placeholder={t('enterprises.searchPlaceholder')}
            width={300}
            testId="enterprise-search"
          />
          {canReadParks && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('enterprise.park')}
              aria-label={t('enterprise.park')}
              value={filter.parkId}
              onChange={(value: string | undefined) => update({ parkId: value })}
              options={(parks.data ?? []).map((park) => ({ value: park.id, label: park.name }))}
              loading={parks.isPending}
              style={{ width: 200 }}
              data-testid="enterprise-park-filter"
            />
          )}
          <AutoComplete
            allowClear
            placeholder={t('enterprise.township')}
            aria-label={t('enterprise.township')}
            value={townshipText}
            options={townships}
            onChange={(value: string | undefined) => {
              setTownshipText(value ?? '');
              if (!value) update({ township: undefined });
            }}
            onSelect={(value: string | undefined) => update({ township: value })}
            onBlur={() => update({ township: townshipText.trim() || undefined })}
            showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
            style={{ width: 150 }}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('enterprise.industry')}
            aria-label={t('enterprise.industry')}
            value={filter.industry}
            onChange={(value: string | undefined) => update({ industry: value })}
            options={industryOptions(locale)}
            popupMatchSelectWidth={320}
            style={{ width: 200 }}
          />
          <Select<ScaleFilter>
            value={scale}
            aria-label={t('enterprises.scaleColumn')}
            onChange={(value) => update({ aboveScale: value === 'all' ? undefined : String(value === 'above') })}
            options={[
              { value: 'all', label: t('enterprises.scaleAll') },
              { value: 'above', label: t('enterprise.aboveScaleYes') },
              { value: 'below', label: t('enterprise.aboveScaleNo') },
            ]}
            style={{ width: 120 }}
            data-testid="enterprise-scale-filter"
          />
          {hasFilter && (
            <Button
              type="link"
              onClick={() => {
                setTownshipText('');
                reset();
              }}
            >
              {t('action.clearFilters')}
            </Button>
          )}
        </Flex>
        {enterprises.isError ? (
          <QueryError error={enterprises.error} onRetry={() => void enterprises.refetch()} />
        ) : (
          <Table<EnterpriseView>
            rowKey="id"
            columns={columns}
            dataSource={enterprises.data?.items ?? []}
            loading={enterprises.isFetching}
            size="middle"
            scroll={{ x: 1140 }}
            pagination={{
              current: filter.page,
              pageSize: filter.pageSize,
              total: enterprises.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t('enterprises.total', { count: total }),
              onChange: (page, pageSize) =>
                update({ page: page > 1 ? String(page) : undefined, pageSize: pageSize === 20 ? undefined : String(pageSize) }, true),
            }}
          />
        )}
      </Card>
      {editing && <EnterpriseFormModal enterprise={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {importing && <EnterpriseImportModal onClose={() => setImporting(false)} />}
    </>
  );
}
