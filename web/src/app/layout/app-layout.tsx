import { useState } from 'react';
import { Grid, Layout, Menu } from 'antd';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { BrandMark } from '@/components/brand-mark';
import { LanguageSwitch } from '@/components/language-switch';
import { NotificationBell } from '@/features/service-requests/components/notification-bell';
import { useCurrentUser } from '@/lib/authorization';
import { useI18n } from '@/lib/i18n';
import { navItemsFor, selectedNavPath } from './nav-items';
import { UserMenu } from './user-menu';

export function AppLayout() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  // On a phone the menu folds away completely behind antd's floating trigger.
  const narrow = Grid.useBreakpoint().md === false;

  const navItems = navItemsFor(user);
  const selected = selectedNavPath(navItems, location.pathname);

  return (
    <Layout className="tt-shell">
      <Layout.Header className="tt-header">
        <Link to="/" className="tt-brand">
          <BrandMark size={30} />
          <span className="tt-brand__name">{t('app.name')}</span>
          <span className="tt-brand__tag">{t('app.county')}</span>
        </Link>
        <div className="tt-header__actions">
          <LanguageSwitch ghost />
          <NotificationBell />
          <UserMenu />
        </div>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={216}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          collapsedWidth={narrow ? 0 : 64}
          className="tt-sider"
        >
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={navItems.map((item) => ({
              key: item.path,
              icon: item.icon,
              label: t(item.label),
            }))}
            onClick={({ key }) => void navigate(key)}
            style={{ borderInlineEnd: 'none', paddingTop: 8 }}
            data-testid="side-menu"
          />
        </Layout.Sider>
        <Layout.Content className="tt-content">
          <div className="tt-page">
            <Outlet />
          </div>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
