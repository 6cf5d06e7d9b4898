import { useState } from 'react';
import { Button, Card, Checkbox, Col, Flex, Row, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { REQUEST_STATUSES, SLA_COLOURS } from '@tiantai/shared';
import type { RequestStatus, RequestView, SlaColour } from '@tiantai/shared';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { SearchInput } from '@/components/search-input';
import { SlaDot } from '@/components/sla-dot';
import { can, useCurrentUser } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { useUrlFilter } from '@/lib/url-filter';
import { useI18n } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n';
import { useCategories } from '../api/get-categories';
import { useDepartments } from '@/lib/lookups';
import { useRequests, useSlaCount } from '../api/get-requests';
import type { RequestFilter } from '../api/get-requests';
import { categoryName, useCategoryNames } from './category-name';
import { RequestFormModal } from './request-form-modal';
import { RequestStatusTag } from './request-status-tag';
import { SlaLight } from './sla-light';

const PAGE_SIZES = [10, 20, 50, 100];

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((v) => v === value);
}

/** The filter lives in the URL, so a filtered list can be linked to and returned to from a request. */
function readFilter(params: URLSearchParams, openByDefault: boolean): RequestFilter {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const open = params.get('open');
  return {
    status: oneOf(REQUEST_STATUSES, params.get('status')),
    open: open === null ? openByDefault : open === 'true',
    categoryCode: params.get('categoryCode') ?? undefined,
    departmentId: params.get('departmentId') ?? undefined,
    q: params.get('q') ?? undefined,
    sla: oneOf(SLA_COLOURS, params.get('sla')),
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

/** A count of open requests in one SLA colour; a click filters the list to them. */
function SlaCountCard({
  colour,
  label,
  active,
  onClick,
}: {
  colour: Extract<SlaColour, 'red' | 'yellow'>;
  label: MessageKey;
  active: boolean;
  onClick: () => void;
}) {
  const { t } = useI18n();
  const count = useSlaCount(colour, true);
  return (
    <Card
      hoverable
      size="small"
      onClick={onClick}
      className={`tt-sla-count tt-sla-count--${colour}${active ? ' tt-sla-count--active' : ''}`}
      data-testid={`sla-count-${colour}`}
    >
      <Flex align="center" gap={12}>
        <SlaDot colour={colour} size={12} />
        <Typography.Text type="secondary">{t(label)}</Typography.Text>
        <Typography.Text strong style={{ fontSize: 22, marginInlineStart: 'auto' }} data-testid={`sla-count-${colour}-value`}>
          {count.data ?? '—'}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

export function RequestsPage() {
  const { t, locale } = useI18n();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const files = can(user.role, 'requests.file');
  const county = can(user.role, 'requests.statistics');
  const department = user.role === 'department_handler';
  const { params, update, reset } = useUrlFilter();
  // A department's list is its to-do list: open requests unless it asks for all.
  const filter = readFilter(params, department);
  const requests = useRequests(filter);
  const categories = useCategories();
  const departments = useDepartments(county);
  const nameOf = useCategoryNames(locale);
  const [filing, setFiling] = useState(false);

  const columns: TableColumnsType<RequestView> = [
    {
      title: t('request.number'),
      dataIndex: 'number',
      width: 132,
      fixed: 'left',
      render: (number: string, request) => (
        <Link to={`/requests/${encodeURIComponent(request.id)}`} className="tt-mono">
          {number}
        </Link>
      ),
    },
    {
      title: t('request.title'),
      dataIndex: 'title',
      minWidth: 180,
      ellipsis: true,
      render: (title: string, request) => (
        <Link to={`/requests/${encodeURIComponent(request.id)}`} style={{ fontWeight: 500, color: 'inherit' }}>
          {title}
        </Link>
      ),
    },
    ...(files
      ? []
      : [
          {
            title: t('request.enterprise'),
            dataIndex: 'enterpriseName',
            width: 190,
            ellipsis: true,
          },
        ]),
    { title: t('request.category'), dataIndex: 'categoryCode', width: 110, ellipsis: true, render: (code: string) => nameOf(code) },
    {
      title: t('request.status'),
      dataIndex: 'status',
      width: 104,
      render: (status: RequestStatus) => <RequestStatusTag status={status} />,
    },
    {
      title: t('request.leadDepartment'),
      dataIndex: 'leadDepartmentName',
      width: 160,
      ellipsis: true,
      render: (name: string | null) => name ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    { title: t('sla.label'), key: 'sla', width: 124, render: (_, request) => <SlaLight request={request} /> },
    {
      title: t('request.submittedAt'),
      dataIndex: 'submittedAt',
      width: 140,
      render: (at: string) => formatDateTime(at),
    },
  ];

  const hasFilter = Boolean(filter.status || filter.categoryCode || filter.departmentId || filter.q || filter.sla);
  const title: MessageKey = files ? 'requests.titleEnterprise' : department ? 'requests.titleDepartment' : 'requests.title';
  const subtitle: MessageKey = files ? 'requests.subtitleEnterprise' : department ? 'requests.subtitleDepartment' : 'requests.subtitle';

  return (
    <>
      <PageHeader
        title={t(title)}
        subtitle={t(subtitle)}
        extra={
          files && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFiling(true)} data-testid="new-request">
              {t('requests.new')}
            </Button>
          )
        }
      />
      {!files && (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          <Col xs={24} sm={12} lg={6}>
            <SlaCountCard
              colour="red"
              label="requests.overdue"
              active={filter.sla === 'red'}
              onClick={() => update({ sla: filter.sla === 'red' ? undefined : 'red' })}
            />
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <SlaCountCard
              colour="yellow"
              label="requests.dueSoon"
              active={filter.sla === 'yellow'}
              onClick={() => update({ sla: filter.sla === 'yellow' ? undefined : 'yellow' })}
            />
          </Col>
        </Row>
      )}
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <SearchInput
            value={filter.q}
            onSearch={(q) => update({ q })}
            placeholder={t('requests.searchPlaceholder')}
            width={260}
            testId="request-search"
          />
          <Select<RequestStatus>
            allowClear
            placeholder={t('request.status')}
            aria-label={t('request.status')}
            value={filter.status}
            onChange={(value: RequestStatus | undefined) => update({ status: value })}
            options={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`requestStatus.${s}`) }))}
            style={{ width: 140 }}
            data-testid="request-status-filter"
          />
          {!files && (
            <>
              <Select
                allowClear
                placeholder={t('request.category')}
                aria-label={t('request.category')}
                value={filter.categoryCode}
                onChange={(value: string | undefined) => update({ categoryCode: value })}
                options={(categories.data ?? []).map((c) => ({ value: c.code, label: categoryName(c, locale) }))}
                style={{ width: 150 }}
              />
              <Select<SlaColour>
                allowClear
                placeholder={t('sla.label')}
                aria-label={t('sla.label')}
                value={filter.sla}
                onChange={(value: SlaColour | undefined) => update({ sla: value })}
                options={SLA_COLOURS.map((c) => ({
                  value: c,
                  label: (
                    <Flex align="center" gap={8}>
                      <SlaDot colour={c} size={8} />
                      {t(`sla.${c}`)}
                    </Flex>
                  ),
                }))}
                style={{ width: 120 }}
                data-testid="request-sla-filter"
              />
            </>
          )}
          {county && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('request.leadDepartment')}
              aria-label={t('request.leadDepartment')}
              value={filter.departmentId}
              onChange={(value: string | undefined) => update({ departmentId: value })}
              options={(departments.data ?? []).filter((d) => d.acceptsRequests).map((d) => ({ value: d.id, label: d.name }))}
              popupMatchSelectWidth={280}
              style={{ width: 180 }}
            />
          )}
          <Checkbox
            checked={filter.open}
            onChange={(event) => update({ open: String(event.target.checked) })}
            data-testid="request-open-filter"
          >
            {t('requests.openOnly')}
          </Checkbox>
          {hasFilter && (
            <Button type="link" onClick={() => reset()}>
              {t('action.clearFilters')}
            </Button>
          )}
        </Flex>
        {requests.isError ? (
          <QueryError error={requests.error} onRetry={() => void requests.refetch()} />
        ) : (
          <Table<RequestView>
            rowKey="id"
            columns={columns}
            dataSource={requests.data?.items ?? []}
            loading={requests.isFetching}
            size="middle"
            scroll={{ x: files ? 960 : 1100 }}
            locale={{ emptyText: t(files && !hasFilter ? 'requests.emptyEnterprise' : 'requests.empty') }}
            onRow={(request) => ({
              onClick: (event) => {
                // A click on the row opens the request; links inside it already do.
                if (event.target instanceof Element && event.target.closest('a')) return;
                void navigate(`/requests/${encodeURIComponent(request.id)}`);
              },
              style: { cursor: 'pointer' },
            })}
            pagination={{
              current: filter.page,
              pageSize: filter.pageSize,
              total: requests.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES,
              showTotal: (total) => t('requests.total', { count: total }),
              onChange: (page, pageSize) =>
                update({ page: page > 1 ? String(page) : undefined, pageSize: pageSize === 20 ? undefined : String(pageSize) }, true),
            }}
          />
        )}
      </Card>
      {filing && (
        <RequestFormModal
          onClose={() => setFiling(false)}
          onCreated={(created) => {
            setFiling(false);
            void navigate(`/requests/${encodeURIComponent(created.id)}`);
          }}
        />
      )}
    </>
  );
}
