import { useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { EditOutlined, PlayCircleOutlined, PlusOutlined, RightOutlined, SettingOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import type { InspectionRouteView } from '@tiantai/shared';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useCan, useCurrentUser } from '@/lib/authorization';
import { describeError } from '@/lib/error-message';
import { formatDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useMyOpenRounds } from '../api/get-inspection-rounds';
import { useInspectionRoutes } from '../api/get-inspection-routes';
import { useStartInspectionRound } from '../api/start-inspection-round';
import { rememberRoundId } from './last-round';
import { RouteFormModal } from './route-form-modal';
import { RoundProgress } from './round-progress';
import { RoutePointsPanel } from './route-points-panel';

/** The rounds the user has under way, each with its progress and a way back in. */
function OpenRounds() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const rounds = useMyOpenRounds(user.id);
  if (rounds.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (rounds.isError) return <QueryError error={rounds.error} onRetry={() => void rounds.refetch()} />;
  if (rounds.data.length === 0) return null;
  return (
    <Card size="small" title={t('inspection.openRounds')} data-testid="open-rounds">
      <Flex vertical gap={16}>
        {rounds.data.map((round) => (
          <Flex key={round.id} vertical gap={4} data-testid="open-round" data-round-id={round.id}>
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text strong ellipsis>
                {round.routeName}
              </Typography.Text>
              <Link to={`/inspection/rounds/${encodeURIComponent(round.id)}`} data-testid="continue-round">
                {t('inspection.continue')} <RightOutlined />
              </Link>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('inspection.startedAt', { at: formatDateTime(round.startedAt) })}
            </Typography.Text>
            <RoundProgress round={round} />
          </Flex>
        ))}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('inspection.scanHint')}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

function RouteCard({ route, admin }: { route: InspectionRouteView; admin: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const start = useStartInspectionRound();
  const [managing, setManaging] = useState(false);
  const [editing, setEditing] = useState(false);
  return (
    <Card size="small" data-testid="inspection-route" data-route-name={route.name}>
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Flex vertical style={{ minWidth: 0 }}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {route.name}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="route-point-count">
              {t('inspection.route.pointCount', { count: route.pointCount })}
              {!route.active && ` · ${t('inspection.route.inactive')}`}
            </Typography.Text>
          </Flex>
          <Flex gap={8}>
            {admin && (
              <Button
                icon={<EditOutlined />}
                onClick={() => setEditing(true)}
                aria-label={t('inspection.route.edit')}
                data-testid="edit-route"
              />
            )}
            {admin && (
              <Button icon={<SettingOutlined />} onClick={() => setManaging((open) => !open)} data-testid="manage-route">
                {t('inspection.route.points')}
              </Button>
            )}
            <Button
              type="primary"
              icon={<PlayCircleOutlined />}
              disabled={!route.active || route.pointCount === 0}
              loading={start.isPending}
              onClick={() =>
                start.mutate(route.id, {
                  onSuccess: (round) => {
                    rememberRoundId(round.id);
                    void navigate(`/inspection/rounds/${encodeURIComponent(round.id)}`);
                  },
                })
              }
              data-testid="start-round"
            >
              {t('inspection.start')}
            </Button>
          </Flex>
        </Flex>
        {start.isError && <Alert type="error" showIcon title={describeError(start.error, t)} />}
        {managing && <RoutePointsPanel routeId={route.id} />}
      </Flex>
      {editing && <RouteFormModal route={route} onClose={() => setEditing(false)} />}
    </Card>
  );
}

/** 巡检: the routes to walk and the rounds under way; the enterprise admin also lays out routes and prints labels. */
export function InspectionPage() {
  const { t } = useI18n();
  const admin = useCan('maintenance.manage');
  const routes = useInspectionRoutes();
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title={t('inspection.title')}
        subtitle={t('inspection.subtitle')}
        extra={
          admin && (
            <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-route">
              {t('inspection.route.new')}
            </Button>
          )
        }
      />
      <Flex vertical gap={16}>
        <OpenRounds />
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('inspection.routes')}
        </Typography.Title>
        {routes.isPending && <Skeleton active paragraph={{ rows: 4 }} />}
        {routes.isError && <QueryError error={routes.error} onRetry={() => void routes.refetch()} />}
        {routes.data?.length === 0 && <Empty description={t(admin ? 'inspection.route.emptyAdmin' : 'inspection.route.empty')} />}
        {routes.data?.map((route) => (
          <RouteCard key={route.id} route={route} admin={admin} />
        ))}
      </Flex>
      {creating && <RouteFormModal onClose={() => setCreating(false)} onCreated={() => setCreating(false)} />}
    </>
  );
}
