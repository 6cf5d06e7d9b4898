import { Card, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { SharedEnterpriseAssetSummaryView } from '@tiantai/shared';
import { QueryError } from '@/components/query-error';
import { useI18n } from '@/lib/i18n';
import { useCountyAssetSummary } from '../api/get-county-asset-summary';

/** The asset summaries enterprises chose to show the county, each as that enterprise sees its own. */
export function CountyAssetSharingCard() {
  const { t } = useI18n();
  const summary = useCountyAssetSummary();
  const columns: TableColumnsType<SharedEnterpriseAssetSummaryView> = [
    { title: t('kpis.county.enterprise'), dataIndex: 'enterpriseName', minWidth: 180, fixed: 'left', ellipsis: true },
    { title: t('kpis.county.assetTotal'), dataIndex: 'total', width: 90 },
    { title: t('assetKind.equipment'), key: 'equipment', width: 80, render: (_, r) => r.byKind.equipment ?? 0 },
    { title: t('assetKind.mold'), key: 'mold', width: 80, render: (_, r) => r.byKind.mold ?? 0 },
    { title: t('assetState.in_service'), key: 'in_service', width: 80, render: (_, r) => r.byState.in_service ?? 0 },
    { title: t('assetState.under_maintenance'), key: 'under_maintenance', width: 90, render: (_, r) => r.byState.under_maintenance ?? 0 },
    { title: t('assetState.under_repair'), key: 'under_repair', width: 90, render: (_, r) => r.byState.under_repair ?? 0 },
    { title: t('assetState.idle'), key: 'idle', width: 80, render: (_, r) => r.byState.idle ?? 0 },
    { title: t('kpis.moldsNearEnd'), dataIndex: 'moldsNearEndOfLife', width: 120 },
  ];
  return (
    <Card size="small" title={t('kpis.county.assetShared')} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('kpis.county.assetSharedNote')}
      </Typography.Paragraph>
      {summary.isError ? (
        <QueryError error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <Table<SharedEnterpriseAssetSummaryView>
          rowKey="enterpriseId"
          columns={columns}
          dataSource={summary.data?.sharedEnterprises ?? []}
          loading={summary.isPending}
          size="small"
          scroll={{ x: 900 }}
          pagination={false}
          locale={{ emptyText: t('kpis.county.assetSharedEmpty') }}
          data-testid="county-asset-shared-table"
        />
      )}
    </Card>
  );
}
