import { useState } from 'react';
import { Button, Card, Col, Descriptions, Flex, Row, Skeleton, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { ArrowLeftOutlined, FieldTimeOutlined, PauseCircleOutlined, PhoneOutlined, RedoOutlined, WarningFilled } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import type { Rating, RequestAction, RequestDetailView } from '@tiantai/shared';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { can, useCurrentUser } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useDepartments } from '@/lib/lookups';
import { useRequest } from '../api/get-request';
import { ActionDialog } from './action-dialog';
import { RequestAttachments } from './request-attachments';
import { useCategoryNames } from './category-name';
import { RequestDeadlines } from './request-deadlines';
import { RequestOpinions } from './request-opinions';
import { RequestStatusTag } from './request-status-tag';
import { RequestTimeline } from './request-timeline';
import { SlaLight } from './sla-light';

/** The step that moves the request forward is the primary button; turning it back is marked as such. */
const BUTTON_LOOK: Partial<Record<RequestAction, Pick<ButtonProps, 'type' | 'danger'>>> = {
  accept: { type: 'primary' },
  dispatch: { type: 'primary' },
  sign: { type: 'primary' },
  start: { type: 'primary' },
  resume: { type: 'primary' },
  answer: { type: 'primary' },
  rate: { type: 'primary' },
  follow_up: { type: 'primary' },
  opinion: { type: 'primary' },
  approve_extension: { type: 'primary' },
  reject: { danger: true },
  return: { danger: true },
  decline_extension: { danger: true },
};

const RATING_COLOURS: Record<Rating, string> = { satisfied: 'success', basically_satisfied: 'processing', dissatisfied: 'error' };

/** The enterprise's rating, the office's follow-up call's result, or that the request closed unrated. */
function RatingCard({ request }: { request: RequestDetailView }) {
  const { t } = useI18n();
  const r = request;
  return (
    <Card size="small" title={t('request.rating')}>
      {r.rating && r.closedAs !== 'not_rated' ? (
        <Flex vertical gap={8} data-testid="request-rating" data-rating={r.rating} data-closed-as={r.closedAs ?? undefined}>
          <Flex gap={8} wrap align="center">
            <Tag color={RATING_COLOURS[r.rating]} style={{ fontSize: 14, padding: '2px 10px' }}>
              {t(`rating.${r.rating}`)}
            </Tag>
            {r.closedAs === 'follow_up' && (
              <Tag icon={<PhoneOutlined />} data-testid="rating-by-follow-up">
                {t('request.closedAs.follow_up')}
              </Tag>
            )}
          </Flex>
          {r.ratingComment && (
            <Typography.Text>
              {r.closedAs === 'follow_up' && <Typography.Text type="secondary">{t('request.followUpNote')}：</Typography.Text>}
              {r.ratingComment}
            </Typography.Text>
          )}
        </Flex>
      ) : r.closedAs === 'not_rated' ? (
        <Typography.Text type="secondary" data-testid="request-rating" data-closed-as="not_rated">
          {t('request.closedAs.not_rated')}
        </Typography.Text>
      ) : (
        <Flex vertical gap={4}>
          <Typography.Text type="secondary">{t('request.notRated')}</Typography.Text>
          {r.status === 'answered' && r.rateDueAt && (
            <Typography.Text data-testid="due-rate">
              <FieldTimeOutlined /> {t('sla.rate')}：{t('sla.dueBy', { time: formatDateTime(r.rateDueAt) })}
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {t('sla.rateHint')}
              </Typography.Text>
            </Typography.Text>
          )}
        </Flex>
      )}
    </Card>
  );
}

function ActionPanel({ request, onAct }: { request: RequestDetailView; onAct: (action: RequestAction) => void }) {
  const { t } = useI18n();
  return (
    <Card title={t('request.panel')} size="small" data-testid="action-panel">
      {request.allowedActions.length === 0 ? (
        <Typography.Text type="secondary">{t('request.noActions')}</Typography.Text>
      ) : (
        <Flex gap={8} wrap>
          {request.allowedActions.map((action) => (
            <Button key={action} {...BUTTON_LOOK[action]} onClick={() => onAct(action)} data-testid={`action-${action}`}>
              {t(`requestAction.${action}`)}
            </Button>
          ))}
        </Flex>
      )}
    </Card>
  );
}

function Badges({ request }: { request: RequestDetailView }) {
  const { t } = useI18n();
  return (
    <Flex gap={8} wrap align="center">
      <RequestStatusTag status={request.status} />
      {request.escalatedAt && (
        <Tag
          color="red"
          icon={<WarningFilled />}
          data-testid="badge-escalated"
          title={t('request.escalatedAt', { time: formatDateTime(request.escalatedAt) })}
        >
          {t('request.escalated')}
        </Tag>
      )}
      {request.paused && (
        <Tag color="warning" icon={<PauseCircleOutlined />} data-testid="badge-paused">
          {t('request.paused')}
        </Tag>
      )}
      {request.redoCount > 0 && (
        <Tag color="magenta" icon={<RedoOutlined />} data-testid="badge-redo">
          {t('request.redo', { count: request.redoCount })}
        </Tag>
      )}
      {request.extensionRequestedDays !== null && (
        <Tag color="gold" icon={<FieldTimeOutlined />} data-testid="badge-extension">
          {t('request.extensionPending', { days: request.extensionRequestedDays })}
        </Tag>
      )}
    </Flex>
  );
}

export function RequestDetailPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const request = useRequest(id);
  const departments = useDepartments();
  const nameOf = useCategoryNames(locale);
  const [acting, setActing] = useState<RequestAction | null>(null);
  const user = useCurrentUser();

  const back = (
    <Link to="/requests">
      <Button icon={<ArrowLeftOutlined />}>{t('request.backToList')}</Button>
    </Link>
  );

  if (request.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (request.isError) {
    return (
      <>
        <PageHeader title={t('requests.title')} extra={back} />
        <QueryError error={request.error} onRetry={() => void request.refetch()} />
      </>
    );
  }

  const r = request.data;
  // The enterprise, the office and the lead department take part; co-handlers and leaders only read.
  const canAttach =
    r.enterpriseId === user.organisationId ||
    can(user.role, 'requests.office') ||
    (user.role === 'department_handler' && user.organisationId === r.leadDepartmentId);
  const departmentName = (departmentId: string) => departments.data?.find((d) => d.id === departmentId)?.name ?? departmentId;

  return (
    <>
      <PageHeader
        title={<span data-testid="request-title">{r.title}</span>}
        subtitle={
          <Flex gap={8} wrap component="span">
            <span className="tt-mono" data-testid="request-number">
              {r.number}
            </span>
            <span>·</span>
            <span>{r.enterpriseName}</span>
            <span>·</span>
            <span>{nameOf(r.categoryCode)}</span>
          </Flex>
        }
        extra={back}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <Card size="small">
              <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 16 }}>
                <Badges request={r} />
                {r.sla && <SlaLight request={r} />}
              </Flex>
              <RequestDeadlines request={r} />
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2 }}
                style={{ marginTop: 16 }}
                items={[
                  { key: 'lead', label: t('request.leadDepartment'), children: r.leadDepartmentName ?? '—' },
                  {
                    key: 'co',
                    label: t('request.coDepartments'),
                    children: r.coDepartmentIds.length ? r.coDepartmentIds.map(departmentName).join('、') : '—',
                  },
                  { key: 'contact', label: t('request.contactName'), children: `${r.contactName} ${r.contactPhone}` },
                  { key: 'submitted', label: t('request.submittedAt'), children: formatDateTime(r.submittedAt) },
                ]}
              />
            </Card>
            <Card size="small" title={t('request.description')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="request-description">
                {r.description}
              </Typography.Paragraph>
            </Card>
            <Card size="small" title={t('attachments.title')}>
              <RequestAttachments request={r} canUpload={r.status !== 'closed' && r.status !== 'rejected' && canAttach} />
            </Card>
            {/* Before the answer card: the lead department reads the co-handlers' opinions before it answers. */}
            {user.organisationKind !== 'enterprise' && (r.coDepartmentIds.length > 0 || r.opinions.length > 0) && (
              <Card size="small" title={t('request.opinions')}>
                <RequestOpinions request={r} departmentName={departmentName} />
              </Card>
            )}
            <Card size="small" title={t('request.answer')}>
              {r.answer ? (
                <>
                  {/* After a dissatisfied rating the old answer stays on record while the department redoes it. */}
                  {!r.answeredAt && (
                    <Tag color="magenta" style={{ marginBottom: 8 }}>
                      {t('request.previousAnswer')}
                    </Tag>
                  )}
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="request-answer">
                    {r.answer}
                  </Typography.Paragraph>
                  {r.answeredAt && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.leadDepartmentName} · {formatDateTime(r.answeredAt)}
                    </Typography.Text>
                  )}
                </>
              ) : (
                <Typography.Text type="secondary">{t('request.notAnswered')}</Typography.Text>
              )}
            </Card>
            <RatingCard request={r} />
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <ActionPanel request={r} onAct={setActing} />
            <Card size="small" title={t('request.timeline')}>
              <RequestTimeline events={r.events} />
            </Card>
          </Flex>
        </Col>
      </Row>
      {acting && (
        <ActionDialog
          request={r}
          action={acting}
          onClose={() => setActing(null)}
          onDone={(action) => {
            setActing(null);
            // A department that returned the request no longer sees it.
            if (action === 'return') void navigate('/requests');
          }}
        />
      )}
    </>
  );
}
