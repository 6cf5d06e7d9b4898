import { useState } from 'react';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { ParkView } from '@tiantai/shared';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useCan } from '@/lib/authorization';
import { formatNumber } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { moneyColumn } from '@/lib/money';
import { useParks } from '../api/get-parks';
import { ParkFormModal } from './park-form-modal';

export function ParksPage() {
  const { t, locale } = useI18n();
  const canWrite = useCan('registry.write');
  const parks = useParks();
  const [editing, setEditing] = useState<ParkView | 'new' | null>(null);
  const rows = parks.data ?? [];
  // One unit for the planned-investment column and its total: the header says 万元 or 亿元, each cell a number.
  const investment = moneyColumn(
    rows.map((park) => park.plannedInvestmentWan),
    locale,
  );

  const columns: TableColumnsType<ParkView> = [
    {
      title: t('park.name'),
      dataIndex: 'name',
      render: (name: string, park) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{name}</Typography.Text>
          {park.description && (
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320, fontSize: 12 }}>
              {park.description}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('park.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (kind: ParkView['kind']) => <Tag color={kind === 'park' ? 'blue' : 'geekblue'}>{t(`parkKind.${kind}`)}</Tag>,
    },
    {
      title: t('park.towns'),
      dataIndex: 'towns',
      render: (towns: string[]) =>
        towns.length === 0 ? (
          '—'
        ) : (
          <Space size={[4, 4]} wrap>
            {towns.map((town) => (
              <Tag key={town} variant="filled">
                {town}
              </Tag>
            ))}
          </Space>
        ),
    },
    {
      title: t('park.area'),
      dataIndex: 'areaKm2',
      align: 'right',
      width: 120,
      render: (area: number | null) => formatNumber(area, locale),
    },
    {
      title: investment.title(t('park.plannedInvestment')),
      dataIndex: 'plannedInvestmentWan',
      align: 'right',
      width: 170,
      render: (wan: number | null) => investment.cell(wan),
    },
    {
      title: t('park.enterpriseCount'),
      dataIndex: 'enterpriseCount',
      align: 'right',
      width: 110,
      render: (count: number, park) => <Link to={`/enterprises?parkId=${encodeURIComponent(park.id)}`}>{count}</Link>,
    },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, park) => (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(park)}>
          {t('action.edit')}
        </Button>
      ),
    });
  }

  const totalArea = rows.reduce((sum, park) => sum + (park.areaKm2 ?? 0), 0);
  const totalInvestment = rows.reduce((sum, park) => sum + (park.plannedInvestmentWan ?? 0), 0);
  const totalEnterprises = rows.reduce((sum, park) => sum + park.enterpriseCount, 0);

  return (
    <>
      <PageHeader
        title={t('parks.title')}
        subtitle={t('parks.subtitle')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-park">
              {t('parks.new')}
            </Button>
          )
        }
      />
      {parks.isError ? (
        <QueryError error={parks.error} onRetry={() => void parks.refetch()} />
      ) : (
        <Card>
          <Table<ParkView>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={parks.isPending}
            pagination={false}
            scroll={{ x: 900 }}
            summary={() =>
              rows.length > 1 && (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={3}>
                    <Typography.Text strong>{t('parks.total', { count: rows.length })}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {formatNumber(totalArea, locale)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    {investment.cell(totalInvestment)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">
                    {totalEnterprises}
                  </Table.Summary.Cell>
                  {canWrite && <Table.Summary.Cell index={6} />}
                </Table.Summary.Row>
              )
            }
          />
        </Card>
      )}
      {editing && <ParkFormModal park={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
