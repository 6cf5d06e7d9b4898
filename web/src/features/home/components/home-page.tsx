import { Card, Col, Flex, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  BankOutlined,
  DeploymentUnitOutlined,
  KeyOutlined,
  RiseOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router';
import dayjs from 'dayjs';
import { can, isEnterpriseRole, useCurrentUser } from '@/lib/authorization';
import { useI18n } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n';
import { useAssetSummary } from '../api/get-asset-summary';
import { useDepartmentCount } from '@/lib/lookups';
import { useEnterpriseTotal } from '../api/get-enterprise-total';
import { useParkCount } from '../api/get-park-count';

function StatCard({
  title,
  value,
  loading,
  icon,
  to,
  accent,
  testId,
}: {
  title: string;
  value: number | undefined;
  loading: boolean;
  icon: ReactNode;
  to: string;
  accent: string;
  testId: string;
}) {
  return (
    <Link to={to} data-testid={testId}>
      <Card hoverable className="tt-stat">
        <Flex align="center" gap={16}>
          <div className="tt-stat__icon" style={{ background: `${accent}1a`, color: accent }}>
            {icon}
          </div>
          {loading ? (
            <Skeleton.Input active size="small" />
          ) : (
            <Statistic title={title} value={value ?? '—'} styles={{ content: { fontWeight: 600 } }} />
          )}
        </Flex>
      </Card>
    </Link>
  );
}

function greetingKey(hour: number): MessageKey {
  if (hour < 6) return 'home.greetingNight';
  if (hour < 12) return 'home.greetingMorning';
  if (hour < 18) return 'home.greetingAfternoon';
  return 'home.greetingEvening';
}

// Modules of the platform (see DESIGN.md) and whether this build has them yet.
const MODULES: { key: MessageKey; live: boolean }[] = [
  { key: 'home.module.registry', live: true },
  { key: 'home.module.identity', live: true },
  { key: 'home.module.assets', live: true },
  { key: 'home.module.maintenance', live: false },
  { key: 'home.module.telemetry', live: false },
  { key: 'home.module.serviceRequests', live: true },
  { key: 'home.module.projects', live: false },
  { key: 'home.module.targets', live: false },
];

export function HomePage() {
  const { t, locale } = useI18n();
  const user = useCurrentUser();
  const enterpriseUser = isEnterpriseRole(user.role);
  // On an enterprise user's home: its admin manages the enterprise's users, a member its own API tokens.
  const managesUsers = can(user.role, 'users.manage');
  const seesRegister = can(user.role, 'enterprises.read');
  const seesParks = can(user.role, 'parks.read');

  const enterprises = useEnterpriseTotal(undefined, seesRegister);
  const aboveScale = useEnterpriseTotal(true, seesRegister);
  const parks = useParkCount(seesParks);
  const departments = useDepartmentCount(!enterpriseUser);
  const assets = useAssetSummary(enterpriseUser);

  const now = dayjs();
  const today = locale === 'zh-CN' ? now.format('YYYY年M月D日 dddd') : now.format('dddd, D MMMM YYYY');

  return (
    <Flex vertical gap={16}>
      <Card className="tt-welcome" variant="borderless">
        <Typography.Title level={3} style={{ margin: 0, color: 'inherit' }} data-testid="welcome">
          {t(greetingKey(now.hour()), { name: user.displayName })}
        </Typography.Title>
        <Typography.Paragraph style={{ margin: '8px 0 0', color: 'inherit', opacity: 0.85 }}>
          {user.organisationName} · {t(`role.${user.role}`)} · {today}
        </Typography.Paragraph>
      </Card>

      <Row gutter={[16, 16]}>
        {seesRegister && (
          <>
            <Col xs={24} sm={12} xl={6}>
              <StatCard
                testId="stat-enterprises"
                title={t('home.enterprises')}
                value={enterprises.data}
                loading={enterprises.isPending}
                icon={<ShopOutlined />}
                to="/enterprises"
                accent="#1554ad"
              />
            </Col>
            <Col xs={24} sm={12} xl={6}>
              <StatCard
                testId="stat-above-scale"
                title={t('home.aboveScale')}
                value={aboveScale.data}
                loading={aboveScale.isPending}
                icon={<RiseOutlined />}
                to="/enterprises?aboveScale=true"
                accent="#13a8a8"
              />
            </Col>
          </>
        )}
        {seesParks && (
          <Col xs={24} sm={12} xl={6}>
            <StatCard
              testId="stat-parks"
              title={t('home.parks')}
              value={parks.data}
              loading={parks.isPending}
              icon={<BankOutlined />}
              to="/parks"
              accent="#d48806"
            />
          </Col>
        )}
        {!enterpriseUser && (
          <Col xs={24} sm={12} xl={6}>
            <StatCard
              testId="stat-departments"
              title={t('home.departments')}
              value={departments.data}
              loading={departments.isPending}
              icon={<ApartmentOutlined />}
              to="/departments"
              accent="#7b4fd6"
            />
          </Col>
        )}
        {enterpriseUser && (
          <>
            <Col xs={24} md={8}>
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
            <Col xs={24} md={8}>
              <Link to={`/enterprises/${encodeURIComponent(user.organisationId)}`} data-testid="home-own-enterprise">
                <Card hoverable className="tt-stat">
                  <Flex align="center" gap={16}>
                    <div className="tt-stat__icon" style={{ background: '#1554ad1a', color: '#1554ad' }}>
                      <ShopOutlined />
                    </div>
                    <div>
                      <Typography.Text type="secondary">{t('home.ownEnterprise')}</Typography.Text>
                      <Typography.Title level={5} style={{ margin: '4px 0 0' }}>
                        {user.organisationName}
                      </Typography.Title>
                    </div>
                  </Flex>
                </Card>
              </Link>
            </Col>
            <Col xs={24} md={8}>
              <Link to={managesUsers ? '/users' : '/tokens'}>
                <Card hoverable className="tt-stat">
                  <Flex align="center" gap={16}>
                    <div className="tt-stat__icon" style={{ background: '#13a8a81a', color: '#13a8a8' }}>
                      {managesUsers ? <TeamOutlined /> : <KeyOutlined />}
                    </div>
                    <div>
                      <Typography.Text type="secondary">{managesUsers ? t('home.manageUsers') : t('home.apiTokens')}</Typography.Text>
                      <Typography.Title level={5} style={{ margin: '4px 0 0' }}>
                        {managesUsers ? t('home.manageUsersText') : t('home.apiTokensText')}
                      </Typography.Title>
                    </div>
                  </Flex>
                </Card>
              </Link>
            </Col>
          </>
        )}
      </Row>

      <Card title={t('home.modules')}>
        <Row gutter={[12, 12]}>
          {MODULES.map((module) => (
            <Col key={module.key} xs={24} sm={12} lg={6}>
              <Flex justify="space-between" align="center" gap={8} className="tt-module">
                <span>{t(module.key)}</span>
                {module.live ? <Tag color="success">{t('home.live')}</Tag> : <Tag>{t('home.planned')}</Tag>}
              </Flex>
            </Col>
          ))}
        </Row>
      </Card>
    </Flex>
  );
}
