import { Alert, Button, Card, Descriptions, Flex, Image, List, Popconfirm, Skeleton, Typography } from 'antd';
import { CheckCircleOutlined, ToolOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import type { InspectionResultView } from '@tiantai/shared';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { describeError } from '@/lib/error-message';
import { formatDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useFinishInspectionRound } from '../api/finish-inspection-round';
import { useInspectionRound } from '../api/get-inspection-round';
import { useInspectionRoute } from '../api/get-inspection-route';
import { inspectionPhotoUrl } from '../api/upload-inspection-photo';
import { ResultTag, formatResultValue } from './item-check';
import { RoundProgress } from './round-progress';

/** A round: its progress, the failures with the repair orders they opened, each point's results, and 完成巡检. */
export function RoundPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const round = useInspectionRound(id);
  const route = useInspectionRoute(round.data?.routeId);
  const finish = useFinishInspectionRound();

  if (round.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (round.isError) return <QueryError error={round.error} onRetry={() => void round.refetch()} />;
  const detail = round.data;
  const finished = detail.finishedAt !== null;
  const resultsOf = (pointId: string) => detail.results.filter((r) => r.pointId === pointId);
  const itemOf = (pointId: string, itemId: string) => route.data?.points.find((p) => p.id === pointId)?.items.find((i) => i.id === itemId);
  const resultOf = (results: InspectionResultView[], itemId: string) => results.find((r) => r.itemId === itemId);

  return (
    <>
      <PageHeader
        title={detail.routeName}
        subtitle={t('inspection.round.title')}
        extra={
          !finished && (
            <Popconfirm
              title={t('inspection.round.finishConfirm')}
              description={
                detail.pointsChecked < detail.pointsTotal
                  ? t('inspection.round.finishIncomplete', { missing: detail.pointsTotal - detail.pointsChecked })
                  : undefined
              }
              onConfirm={() => finish.mutate(detail.id)}
              okText={t('inspection.round.finish')}
              cancelText={t('action.cancel')}
            >
              <Button type="primary" icon={<CheckCircleOutlined />} loading={finish.isPending} data-testid="finish-round">
                {t('inspection.round.finish')}
              </Button>
            </Popconfirm>
          )
        }
      />
      <Flex vertical gap={16}>
        {finish.isError && <Alert type="error" showIcon title={describeError(finish.error, t)} />}
        <Card size="small">
          <Flex vertical gap={12}>
            <RoundProgress round={detail} />
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 3 }}
              items={[
                { key: 'by', label: t('inspection.round.startedBy'), children: detail.startedByName ?? '—' },
                { key: 'start', label: t('inspection.round.startedAt'), children: formatDateTime(detail.startedAt) },
                {
                  key: 'end',
                  label: t('inspection.round.finishedAt'),
                  children: (
                    <span data-testid="round-finished-at">
                      {finished ? formatDateTime(detail.finishedAt) : t('inspection.round.underWay')}
                    </span>
                  ),
                },
              ]}
            />
            {!finished && (
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('inspection.scanHint')}
              </Typography.Text>
            )}
          </Flex>
        </Card>

        <Card size="small" title={t('inspection.round.failures')} data-testid="round-failure-list">
          <List
            size="small"
            dataSource={detail.failures}
            locale={{ emptyText: t('inspection.round.noFailures') }}
            renderItem={(failure) => (
              <List.Item data-testid="round-failure" data-work-order={failure.workOrderNumber ?? ''}>
                <Flex vertical gap={2} style={{ minWidth: 0 }}>
                  <Typography.Text strong>
                    {failure.pointName} · {failure.itemLabel}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t('inspection.round.value', { value: formatResultValue(itemOf(failure.pointId, failure.itemId), failure.value, t) })}
                  </Typography.Text>
                  {failure.workOrderNumber && (
                    <Typography.Text>
                      <ToolOutlined />{' '}
                      {failure.workOrderId ? (
                        <Link to={`/work-orders/${encodeURIComponent(failure.workOrderId)}`} className="tt-mono">
                          {failure.workOrderNumber}
                        </Link>
                      ) : (
                        failure.workOrderNumber
                      )}
                    </Typography.Text>
                  )}
                </Flex>
              </List.Item>
            )}
          />
        </Card>

        <Card size="small" title={t('inspection.round.points')}>
          {route.isPending && <Skeleton active paragraph={{ rows: 3 }} />}
          {route.isError && <QueryError error={route.error} onRetry={() => void route.refetch()} />}
          {route.data && (
            <List
              size="small"
              dataSource={route.data.points}
              renderItem={(point) => {
                const results = resultsOf(point.id);
                return (
                  <List.Item data-testid="round-point" data-checked={results.length > 0}>
                    <Flex vertical gap={6} style={{ width: '100%' }}>
                      <Flex justify="space-between" gap={8}>
                        <Typography.Text strong>
                          {point.seq}. {point.name}
                        </Typography.Text>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {results.length > 0
                            ? t('inspection.round.checkedInAt', { at: formatDateTime(results[0]!.checkedInAt) })
                            : t('inspection.round.notCheckedIn')}
                        </Typography.Text>
                      </Flex>
                      {results.length > 0 &&
                        point.items.map((item) => {
                          const result = resultOf(results, item.id);
                          return (
                            <Flex key={item.id} justify="space-between" align="center" gap={8} style={{ fontSize: 13 }}>
                              <Flex gap={8} align="center" style={{ minWidth: 0 }}>
                                <Typography.Text>
                                  {item.label}
                                  {result?.recordedAt && !result.photoId ? `: ${formatResultValue(item, result.value, t)}` : ''}
                                </Typography.Text>
                                {result?.photoId && (
                                  <Image
                                    src={inspectionPhotoUrl(detail.id, result.photoId)}
                                    alt={result.value ?? item.label}
                                    width={48}
                                    height={48}
                                    style={{ objectFit: 'cover', borderRadius: 4 }}
                                    data-testid="round-photo"
                                  />
                                )}
                              </Flex>
                              <ResultTag result={result} />
                            </Flex>
                          );
                        })}
                    </Flex>
                  </List.Item>
                );
              }}
            />
          )}
        </Card>
      </Flex>
    </>
  );
}
