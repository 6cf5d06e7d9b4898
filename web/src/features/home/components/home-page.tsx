// Each role's home: a greeting, then the person's own work (GET /api/home) — the office's queue, a
// department's requests, an enterprise's alarms, maintenance and orders, a technician's tasks for today, the
// county's key figures — every figure linking to the page, filtered, that lists what it counts.
import { Card, Col, Flex, Row, Skeleton, Typography } from 'antd';
import type { HomeView } from '@tiantai/shared';
import { QueryError } from '@/components/query-error';
import { useCurrentUser } from '@/lib/authorization';
import { countyDayjs } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n';
import { useHome } from '../api/get-home';
import { CountyHome } from './county-home';
import { EnterpriseHome, TechnicianHome } from './enterprise-home';
import { DepartmentHome, OfficeHome } from './request-home';

function greetingKey(hour: number): MessageKey {
  if (hour < 6) return 'home.greetingNight';
  if (hour < 12) return 'home.greetingMorning';
  if (hour < 18) return 'home.greetingAfternoon';
  return 'home.greetingEvening';
}

const SUBTITLE: Record<HomeView['kind'], MessageKey> = {
  office: 'home.office.subtitle',
  department: 'home.department.subtitle',
  enterprise: 'home.enterprise.subtitle',
  technician: 'home.technician.subtitle',
  county: 'home.county.subtitle',
};

function RoleHome({ home }: { home: HomeView }) {
  switch (home.kind) {
    case 'office':
      return <OfficeHome home={home} />;
    case 'department':
      return <DepartmentHome home={home} />;
    case 'enterprise':
      return <EnterpriseHome home={home} />;
    case 'technician':
      return <TechnicianHome home={home} />;
    case 'county':
      return <CountyHome home={home} />;
  }
}

function HomeLoading() {
  return (
    <Row gutter={[16, 16]} data-testid="home-loading">
      {[0, 1, 2, 3].map((i) => (
        <Col key={i} xs={24} sm={12} xl={6}>
          <Card>
            <Skeleton active paragraph={{ rows: 1 }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

export function HomePage() {
  const { t, locale } = useI18n();
  const user = useCurrentUser();
  const home = useHome();

  const now = countyDayjs(); // the county's date, whatever the browser's zone
  const today = locale === 'zh-CN' ? now.format('YYYY年M月D日 dddd') : now.format('dddd, D MMMM YYYY');

  return (
    <Flex vertical gap={16}>
      <Card className="tt-welcome" variant="borderless">
        <Typography.Title level={3} style={{ margin: 0, color: 'inherit' }} data-testid="welcome">
          {t(greetingKey(now.hour()), { name: user.displayName })}
        </Typography.Title>
        <Typography.Paragraph style={{ margin: '8px 0 0', color: 'inherit', opacity: 0.85 }} data-testid="home-today">
          {user.organisationName} · {t(`role.${user.role}`)} · {today}
        </Typography.Paragraph>
        {home.data && (
          <Typography.Paragraph style={{ margin: '4px 0 0', color: 'inherit', opacity: 0.85 }} data-testid="home-subtitle">
            {t(SUBTITLE[home.data.kind])}
          </Typography.Paragraph>
        )}
      </Card>
      {home.isPending ? (
        <HomeLoading />
      ) : home.isError ? (
        <QueryError error={home.error} onRetry={() => void home.refetch()} />
      ) : (
        <div data-testid={`home-${home.data.kind}`}>
          <RoleHome home={home.data} />
        </div>
      )}
    </Flex>
  );
}
