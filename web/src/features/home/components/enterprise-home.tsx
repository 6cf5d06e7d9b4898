// The factory homes: an enterprise admin's alarms, due maintenance and open work orders; a technician's tasks
// for today (work orders assigned, inspection rounds due).
import { Card, Col, Flex, Progress, Row, Typography } from 'antd';
import {
  AlertOutlined,
  CheckSquareOutlined,
  CommentOutlined,
  DeploymentUnitOutlined,
  FieldTimeOutlined,
  NodeIndexOutlined,
  ScheduleOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router';
import type { EnterpriseHomeView, HomeWorkOrderItem, TechnicianHomeView } from '@tiantai/shared';
import { formatDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useAssetSummary } from '../api/get-asset-summary';
import { ALERT, FigureRow, ItemRow, ItemRows, ItemsCard, StatusTag } from './home-parts';

const SEVERITY_COLOUR = { critical: 'red', major: 'orange', minor: 'gold' } as const;
const PLAN_COLOUR = { OVERDUE: 'red', DUE: 'orange', WARNING: 'gold', OK: 'green' } as const;
const ORDER_STATUS_COLOUR: Partial<Record<HomeWorkOrderItem['status'], string>> = {
  reported: 'orange',
  assigned: 'blue',
  in_progress: 'processing',
  on_hold: 'default',
  done: 'success',
};

/** `assignee`: name who works on each order (the admin's list; a technician's are all its own). */
function OrderRows({ items, assignee = true }: { items: HomeWorkOrderItem[]; assignee?: boolean }) {
  const { t } = useI18n();
  return (
    <ItemRows>
      {items.map((o) => (
        <ItemRow
          key={o.id}
          testId="home-order-item"
          to={`/work-orders/${encodeURIComponent(o.id)}`}
          code={o.number}
          title={o.title}
          tags={
            <>
              <StatusTag>{t(`workOrderKind.${o.kind}`)}</StatusTag>
              <StatusTag color={o.overdue ? 'red' : ORDER_STATUS_COLOUR[o.status]}>
                {o.overdue ? t('home.orderOverdue') : t(`workOrderStatus.${o.status}`)}
              </StatusTag>
            </>
          }
          meta={
            <>
              {o.assetCode} {o.assetName}
              {assignee && o.assigneeName && ` · ${o.assigneeName}`}
              {o.dueAt && (
                <span style={{ color: o.overdue ? ALERT : undefined }}>
                  {' · '}
                  {t('home.dueAt', { time: formatDateTime(o.dueAt) })}
                </span>
              )}
            </>
          }
        />
      ))}
    </ItemRows>
  );
}

export function EnterpriseHome({ home }: { home: EnterpriseHomeView }) {
  const { t } = useI18n();
  const { alarms, maintenance, workOrders, requests } = home;
  const assets = useAssetSummary(true);
  return (
    <Flex vertical gap={16}>
      <FigureRow
        cards={[
          {
            testId: 'home-alarms',
            title: t('home.enterprise.alarms'),
            value: alarms.open,
            to: '/alarms?status=raised',
            icon: <AlertOutlined />,
            accent: ALERT,
            alert: alarms.critical > 0,
            hint: t('home.enterprise.alarmsHint', { critical: alarms.critical, unacknowledged: alarms.unacknowledged }),
          },
          {
            testId: 'home-maintenance',
            title: t('home.enterprise.maintenance'),
            value: maintenance.due + maintenance.overdue,
            to: '/maintenance/plans',
            icon: <ScheduleOutlined />,
            accent: '#d48806',
            alert: maintenance.overdue > 0,
            hint: t('home.enterprise.maintenanceHint', { overdue: maintenance.overdue, warning: maintenance.warning }),
          },
          {
            testId: 'home-work-orders',
            title: t('home.enterprise.workOrders'),
            value: workOrders.open,
            to: '/work-orders?scope=all',
            icon: <ToolOutlined />,
            accent: '#1554ad',
            hint: t('home.enterprise.workOrdersHint', { unassigned: workOrders.unassigned, overdue: workOrders.overdue }),
          },
          {
            testId: 'home-to-accept',
            title: t('home.enterprise.toAccept'),
            value: workOrders.toAccept,
            to: '/work-orders?scope=all&status=done',
            icon: <CheckSquareOutlined />,
            accent: '#13a8a8',
            hint: t('home.enterprise.toAcceptHint'),
          },
        ]}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <ItemsCard
            testId="home-alarm-list"
            title={t('home.enterprise.alarmList')}
            moreTo="/alarms?status=raised"
            empty={t('home.enterprise.noAlarms')}
            count={alarms.items.length}
          >
            <ItemRows>
              {alarms.items.map((a) => (
                <ItemRow
                  key={a.id}
                  testId="home-alarm-item"
                  to={`/devices/${encodeURIComponent(a.deviceId)}`}
                  title={a.message}
                  tags={
                    <>
                      {!a.acknowledged && <StatusTag color="red">{t('home.unacknowledged')}</StatusTag>}
                      <StatusTag color={SEVERITY_COLOUR[a.severity]}>{t(`alarmSeverity.${a.severity}`)}</StatusTag>
                    </>
                  }
                  meta={`${a.deviceName} · ${formatDateTime(a.raisedAt)}`}
                />
              ))}
            </ItemRows>
          </ItemsCard>
        </Col>
        <Col xs={24} xl={8}>
          <ItemsCard
            testId="home-plan-list"
            title={t('home.enterprise.planList')}
            moreTo="/maintenance/plans"
            empty={t('home.enterprise.noPlans')}
            count={maintenance.items.length}
          >
            <ItemRows>
              {maintenance.items.map((p) => (
                <ItemRow
                  key={p.id}
                  testId="home-plan-item"
                  to={p.workOrderId ? `/work-orders/${encodeURIComponent(p.workOrderId)}` : '/maintenance/plans'}
                  title={p.name}
                  tags={<StatusTag color={PLAN_COLOUR[p.status]}>{t(`planStatus.${p.status}`)}</StatusTag>}
                  meta={
                    <>
                      {p.assetCode} {p.assetName}
                      {' · '}
                      {p.dueAt
                        ? t('home.dueOn', { time: formatDateTime(p.dueAt) })
                        : t('home.enterprise.progress', { percent: Math.round(p.progress * 100) })}
                    </>
                  }
                />
              ))}
            </ItemRows>
          </ItemsCard>
        </Col>
        <Col xs={24} xl={8}>
          <ItemsCard
            testId="home-order-list"
            title={t('home.enterprise.orderList')}
            moreTo="/work-orders?scope=all"
            empty={t('home.enterprise.noOrders')}
            count={workOrders.items.length}
          >
            <OrderRows items={workOrders.items} />
          </ItemsCard>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Link to="/assets" data-testid="home-assets">
            <Card hoverable className="tt-stat">
              <Flex align="center" gap={16}>
                <div className="tt-stat__icon" style={{ background: '#d488061a', color: '#d48806' }}>
                  <DeploymentUnitOutlined />
                </div>
                <div>
                  <Typography.Text type="secondary">{t('home.assets')}</Typography.Text>
                  <Typography.Title level={5} style={{ margin: '4px 0 0' }} data-testid="home-assets-text">
                    {assets.data ? t('home.assetsText', { total: assets.data.total, near: assets.data.moldsNearEndOfLife }) : '—'}
                  </Typography.Title>
                </div>
              </Flex>
            </Card>
          </Link>
        </Col>
        <Col xs={24} md={12}>
          <Link to={requests.toRate > 0 ? '/requests?status=answered' : '/requests?open=true'} data-testid="home-requests">
            <Card hoverable className="tt-stat">
              <Flex align="center" gap={16}>
                <div className="tt-stat__icon" style={{ background: '#1554ad1a', color: '#1554ad' }}>
                  <CommentOutlined />
                </div>
                <div>
                  <Typography.Text type="secondary">{t('home.enterprise.requests')}</Typography.Text>
                  <Typography.Title level={5} style={{ margin: '4px 0 0' }} data-testid="home-requests-text">
                    {t('home.enterprise.requestsText', { open: requests.open, toRate: requests.toRate })}
                  </Typography.Title>
                </div>
              </Flex>
            </Card>
          </Link>
        </Col>
      </Row>
    </Flex>
  );
}

export function TechnicianHome({ home }: { home: TechnicianHomeView }) {
  const { t } = useI18n();
  const { workOrders, inspection } = home;
  return (
    <Flex vertical gap={16}>
      <FigureRow
        xs={12}
        cards={[
          {
            testId: 'home-assigned',
            title: t('home.technician.assigned'),
            value: workOrders.assigned,
            to: '/work-orders?scope=mine',
            icon: <ToolOutlined />,
            accent: '#1554ad',
          },
          {
            testId: 'home-due-today',
            title: t('home.technician.dueToday'),
            value: workOrders.dueToday,
            to: '/work-orders?scope=mine',
            icon: <FieldTimeOutlined />,
            accent: '#d48806',
          },
          {
            testId: 'home-overdue',
            title: t('home.technician.overdue'),
            value: workOrders.overdue,
            to: '/work-orders?scope=mine',
            icon: <AlertOutlined />,
            accent: ALERT,
            alert: true,
          },
          {
            testId: 'home-routes',
            title: t('home.technician.routesToWalk'),
            value: inspection.routesToWalk,
            to: '/inspection',
            icon: <NodeIndexOutlined />,
            accent: '#13a8a8',
          },
        ]}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <ItemsCard
            testId="home-order-list"
            title={t('home.technician.orderList')}
            moreTo="/work-orders?scope=mine"
            empty={t('home.technician.noOrders')}
            count={workOrders.items.length}
          >
            <OrderRows items={workOrders.items} assignee={false} />
          </ItemsCard>
        </Col>
        <Col xs={24} lg={10}>
          <ItemsCard
            testId="home-inspection"
            title={t('home.technician.inspection')}
            moreTo="/inspection"
            empty={t(inspection.activeRoutes === 0 ? 'home.technician.noRoutes' : 'home.technician.noRounds')}
            count={inspection.openRounds.length + inspection.routes.length}
          >
            <ItemRows>
              {inspection.openRounds.map((r) => (
                <Link
                  key={r.id}
                  to={`/inspection/rounds/${encodeURIComponent(r.id)}`}
                  data-testid="home-round-item"
                  style={{ display: 'block', color: 'inherit', padding: '10px 0' }}
                >
                  <Flex justify="space-between" gap={8}>
                    <Typography.Text strong ellipsis>
                      {r.routeName}
                    </Typography.Text>
                    <StatusTag color="processing">{t('home.technician.continue')}</StatusTag>
                  </Flex>
                  <Progress
                    percent={r.pointsTotal === 0 ? 0 : Math.round((r.pointsChecked / r.pointsTotal) * 100)}
                    format={() => `${r.pointsChecked}/${r.pointsTotal}`}
                    size="small"
                    aria-label={`${r.routeName} ${t('inspection.pointsChecked', { checked: r.pointsChecked, total: r.pointsTotal })}`}
                  />
                </Link>
              ))}
              {inspection.routes.map((r) => (
                <ItemRow
                  key={r.id}
                  testId="home-route-item"
                  to="/inspection"
                  title={r.name}
                  tags={<StatusTag color="orange">{t('home.technician.notWalked')}</StatusTag>}
                  meta={t('home.technician.points', { count: r.pointCount })}
                />
              ))}
            </ItemRows>
          </ItemsCard>
        </Col>
      </Row>
    </Flex>
  );
}
