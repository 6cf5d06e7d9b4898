// The direct-service homes: the office's queue (直通办) and a department's requests to sign and answer.
import { Card, Col, Flex, Row, Typography } from 'antd';
import {
  AlertOutlined,
  AuditOutlined,
  ClockCircleOutlined,
  EditOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  InboxOutlined,
  PhoneOutlined,
  RightOutlined,
  SendOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router';
import type { DepartmentHomeView, HomeRequestItem, OfficeHomeView } from '@tiantai/shared';
import { SlaDot } from '@/components/sla-dot';
import { useCurrentUser } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { ALERT, FigureRow, ItemRow, ItemRows, ItemsCard, SlaQueueCard, StatusTag } from './home-parts';

const STATUS_COLOUR: Partial<Record<HomeRequestItem['status'], string>> = {
  submitted: 'blue',
  accepted: 'cyan',
  dispatched: 'geekblue',
  signed: 'purple',
  in_progress: 'processing',
  answered: 'success',
};

/** The most urgent requests: overdue first, then near their due time. */
function UrgentRequests({ items, moreTo, empty }: { items: HomeRequestItem[]; moreTo: string; empty: string }) {
  const { t } = useI18n();
  return (
    <ItemsCard testId="home-urgent" title={t('home.urgentRequests')} moreTo={moreTo} empty={empty} count={items.length}>
      <ItemRows>
        {items.map((r) => (
          <ItemRow
            key={r.id}
            testId="home-urgent-item"
            to={`/requests/${encodeURIComponent(r.id)}`}
            code={r.number}
            title={r.title}
            tags={
              <>
                {r.paused && <StatusTag>{t('home.paused')}</StatusTag>}
                <StatusTag color={STATUS_COLOUR[r.status]}>{t(`requestStatus.${r.status}`)}</StatusTag>
                {r.sla && <SlaDot colour={r.sla} />}
              </>
            }
            meta={
              <>
                {r.enterpriseName}
                {r.dueAt && (
                  <span style={{ color: r.sla === 'red' ? ALERT : undefined }}>
                    {' · '}
                    {t('sla.dueBy', { time: formatDateTime(r.dueAt) })}
                  </span>
                )}
              </>
            }
          />
        ))}
      </ItemRows>
    </ItemsCard>
  );
}

export function OfficeHome({ home }: { home: OfficeHomeView }) {
  const { t } = useI18n();
  const { queue } = home;
  return (
    <Flex vertical gap={16}>
      <FigureRow
        cards={[
          {
            testId: 'home-to-accept',
            title: t('home.office.toAccept'),
            value: queue.toAccept,
            to: '/requests?status=submitted',
            icon: <InboxOutlined />,
            accent: '#1554ad',
          },
          {
            testId: 'home-to-dispatch',
            title: t('home.office.toDispatch'),
            value: queue.toDispatch,
            to: '/requests?status=accepted',
            icon: <SendOutlined />,
            accent: '#13a8a8',
          },
          {
            testId: 'home-overdue',
            title: t('home.office.overdue'),
            value: queue.red,
            to: '/requests?sla=red',
            icon: <AlertOutlined />,
            accent: ALERT,
            alert: true,
            hint: t('home.office.overdueHint'),
          },
          {
            testId: 'home-extensions',
            title: t('home.office.extensions'),
            value: queue.extensionRequests,
            to: '/requests?open=true',
            icon: <FieldTimeOutlined />,
            accent: '#d48806',
            hint: t('home.office.extensionsHint'),
          },
          {
            testId: 'home-to-follow-up',
            title: t('home.office.toFollowUp'),
            value: queue.toFollowUp,
            to: '/requests?status=answered',
            icon: <PhoneOutlined />,
            accent: '#7b4fd6',
            hint: t('home.office.toFollowUpHint'),
          },
        ]}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <SlaQueueCard counts={queue} title="home.office.queue" />
        </Col>
        <Col xs={24} lg={14}>
          <UrgentRequests items={home.urgent} moreTo="/requests?open=true" empty={t('home.office.empty')} />
        </Col>
      </Row>
    </Flex>
  );
}

export function DepartmentHome({ home }: { home: DepartmentHomeView }) {
  const { t } = useI18n();
  const { requests, tasks } = home;
  // The requests the department leads (the list's department filter): co-handled ones are not its to sign or answer.
  const led = `departmentId=${encodeURIComponent(useCurrentUser().organisationId)}`;
  return (
    <Flex vertical gap={16}>
      <FigureRow
        cards={[
          {
            testId: 'home-to-sign',
            title: t('home.department.toSign'),
            value: requests.toSign,
            to: `/requests?status=dispatched&${led}`,
            icon: <EditOutlined />,
            accent: '#1554ad',
          },
          {
            testId: 'home-to-answer',
            title: t('home.department.toAnswer'),
            value: requests.toAnswer,
            to: `/requests?${led}`,
            icon: <FileDoneOutlined />,
            accent: '#7b4fd6',
          },
          {
            testId: 'home-due-soon',
            title: t('home.department.dueSoon'),
            value: requests.dueSoon,
            to: `/requests?sla=yellow&${led}`,
            icon: <ClockCircleOutlined />,
            accent: '#f0a020',
          },
          {
            testId: 'home-overdue',
            title: t('home.department.overdue'),
            value: requests.overdue,
            to: `/requests?sla=red&${led}`,
            icon: <AlertOutlined />,
            accent: ALERT,
            alert: true,
          },
          {
            // Co-handled requests are in the department's list with the ones it leads (no filter of their own).
            testId: 'home-co-handling',
            title: t('home.department.coHandling'),
            value: requests.coHandling,
            to: '/requests?open=true',
            icon: <TeamOutlined />,
            accent: '#13a8a8',
            hint: t('home.department.coHandlingHint'),
          },
        ]}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <UrgentRequests items={home.urgent} moreTo={`/requests?${led}`} empty={t('home.department.empty')} />
        </Col>
        <Col xs={24} lg={9}>
          <Card
            title={t('home.department.tasks')}
            data-testid="home-tasks"
            style={{ height: '100%' }}
            extra={
              <Link to="/targets/tasks">
                {t('home.viewAll')} <RightOutlined style={{ fontSize: 11 }} />
              </Link>
            }
          >
            <Flex vertical gap={12}>
              <Typography.Text type="secondary">{t('home.department.tasksText', { total: tasks.total })}</Typography.Text>
              <Flex gap={12}>
                <Link to="/targets/tasks?status=behind" style={{ flex: 1 }} data-testid="home-tasks-behind">
                  <Card size="small" hoverable>
                    <Typography.Text type="secondary">{t('home.department.tasksBehind')}</Typography.Text>
                    <div style={{ fontSize: 22, fontWeight: 600, color: tasks.behind > 0 ? '#d48806' : undefined }}>{tasks.behind}</div>
                  </Card>
                </Link>
                <Link to="/targets/tasks?status=overdue" style={{ flex: 1 }} data-testid="home-tasks-overdue">
                  <Card size="small" hoverable>
                    <Typography.Text type="secondary">{t('home.department.tasksOverdue')}</Typography.Text>
                    <div style={{ fontSize: 22, fontWeight: 600, color: tasks.overdue > 0 ? ALERT : undefined }}>{tasks.overdue}</div>
                  </Card>
                </Link>
              </Flex>
              <Flex gap={6} align="center">
                <AuditOutlined style={{ color: '#8c8c8c' }} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('home.department.tasksHint')}
                </Typography.Text>
              </Flex>
            </Flex>
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
