import type { ReactNode } from 'react';
import {
  AimOutlined,
  ApartmentOutlined,
  AlertOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  DeploymentUnitOutlined,
  DesktopOutlined,
  FundOutlined,
  FundProjectionScreenOutlined,
  OrderedListOutlined,
  ProjectOutlined,
  HomeOutlined,
  InboxOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  ShopOutlined,
  TagsOutlined,
  TeamOutlined,
  ToolOutlined,
  WifiOutlined,
} from '@ant-design/icons';
import type { Role, UserView } from '@tiantai/shared';
import type { MessageKey } from '@/lib/i18n';

export interface NavItem {
  path: string;
  label: MessageKey;
  icon: ReactNode;
}

type NavKey =
  | 'home'
  | 'requests'
  | 'requestStatistics'
  | 'requestCategories'
  | 'workCalendar'
  | 'parks'
  | 'departments'
  | 'enterprises'
  | 'ownEnterprise'
  | 'assets'
  | 'workOrders'
  | 'inspection'
  | 'maintenancePlans'
  | 'spareParts'
  | 'maintenanceKpis'
  | 'maintenanceCounty'
  | 'users'
  | 'audit'
  | 'devices'
  | 'alarms'
  | 'screens'
  | 'projects'
  | 'projectStatistics'
  | 'targets'
  | 'responsibilities';

const MENU_BY_ROLE: Record<Role, readonly NavKey[]> = {
  county_admin: [
    'home',
    'requests',
    'requestStatistics',
    'requestCategories',
    'workCalendar',
    'maintenanceCounty',
    'parks',
    'departments',
    'enterprises',
    'users',
    'audit',
    'screens',
    'projects',
    'projectStatistics',
    'targets',
    'responsibilities',
  ],
  service_officer: [
    'home',
    'requests',
    'requestStatistics',
    'requestCategories',
    'maintenanceCounty',
    'parks',
    'departments',
    'enterprises',
    'screens',
    'projects',
    'projectStatistics',
    'targets',
    'responsibilities',
  ],
  county_viewer: [
    'home',
    'requests',
    'requestStatistics',
    'maintenanceCounty',
    'parks',
    'departments',
    'enterprises',
    'screens',
    'projects',
    'projectStatistics',
    'targets',
    'responsibilities',
  ],
  department_handler: ['home', 'requests', 'departments', 'enterprises', 'projects', 'projectStatistics', 'targets', 'responsibilities'],
  enterprise_admin: [
    'home',
    'assets',
    'devices',
    'alarms',
    'workOrders',
    'inspection',
    'maintenancePlans',
    'spareParts',
    'maintenanceKpis',
    'requests',
    'ownEnterprise',
    'users',
    'screens',
    'projects',
  ],
  enterprise_member: [
    'home',
    'workOrders',
    'inspection',
    'assets',
    'devices',
    'alarms',
    'maintenancePlans',
    'spareParts',
    'maintenanceKpis',
    'requests',
    'ownEnterprise',
    'screens',
    'projects',
  ],
};

/** The side menu for a user: what each role works with, in the order they use it. */
export function navItemsFor(user: UserView): NavItem[] {
  const items: Record<NavKey, NavItem> = {
    home: { path: '/', label: 'nav.home', icon: <HomeOutlined /> },
    requests: { path: '/requests', label: 'nav.requests', icon: <CustomerServiceOutlined /> },
    requestStatistics: { path: '/requests/statistics', label: 'nav.requestStatistics', icon: <BarChartOutlined /> },
    requestCategories: { path: '/requests/categories', label: 'nav.requestCategories', icon: <TagsOutlined /> },
    workCalendar: { path: '/requests/calendar', label: 'nav.workCalendar', icon: <CalendarOutlined /> },
    parks: { path: '/parks', label: 'nav.parks', icon: <BankOutlined /> },
    departments: { path: '/departments', label: 'nav.departments', icon: <ApartmentOutlined /> },
    enterprises: { path: '/enterprises', label: 'nav.enterprises', icon: <ShopOutlined /> },
    ownEnterprise: {
      path: `/enterprises/${encodeURIComponent(user.organisationId)}`,
      label: 'nav.ownEnterprise',
      icon: <ShopOutlined />,
    },
    assets: { path: '/assets', label: 'nav.assets', icon: <DeploymentUnitOutlined /> },
    workOrders: { path: '/work-orders', label: 'nav.workOrders', icon: <ToolOutlined /> },
    inspection: { path: '/inspection', label: 'nav.inspection', icon: <SafetyCertificateOutlined /> },
    maintenancePlans: { path: '/maintenance/plans', label: 'nav.maintenancePlans', icon: <ScheduleOutlined /> },
    spareParts: { path: '/maintenance/spare-parts', label: 'nav.spareParts', icon: <InboxOutlined /> },
    maintenanceKpis: { path: '/maintenance/kpis', label: 'nav.maintenanceKpis', icon: <DashboardOutlined /> },
    maintenanceCounty: { path: '/maintenance/county', label: 'nav.maintenanceCounty', icon: <FundOutlined /> },
    users: { path: '/users', label: 'nav.users', icon: <TeamOutlined /> },
    audit: { path: '/audit', label: 'nav.audit', icon: <AuditOutlined /> },
    devices: { path: '/devices', label: 'nav.devices', icon: <WifiOutlined /> },
    alarms: { path: '/alarms', label: 'nav.alarms', icon: <AlertOutlined /> },
    screens: { path: '/screens', label: 'nav.screens', icon: <DesktopOutlined /> },
    projects: { path: '/projects', label: 'nav.projects', icon: <ProjectOutlined /> },
    projectStatistics: { path: '/projects/statistics', label: 'nav.projectStatistics', icon: <FundProjectionScreenOutlined /> },
    targets: { path: '/targets', label: 'nav.targets', icon: <AimOutlined /> },
    responsibilities: { path: '/targets/tasks', label: 'nav.responsibilities', icon: <OrderedListOutlined /> },
  };
  return MENU_BY_ROLE[user.role].map((key) => items[key]);
}

/** The menu entry a path belongs to: the longest matching prefix ("/" only for itself). */
export function selectedNavPath(items: NavItem[], pathname: string): string | undefined {
  let best: string | undefined;
  for (const { path } of items) {
    const matches = path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);
    if (matches && (!best || path.length > best.length)) best = path;
  }
  return best;
}
