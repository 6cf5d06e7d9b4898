import { Suspense, lazy } from 'react';
import type { ReactNode } from 'react';
import { Card, Skeleton } from 'antd';
import { Navigate, RouterProvider, createBrowserRouter } from 'react-router';
import { ForbiddenResult, NotFoundResult } from '@/components/status-result';
import { AssetDetailPage } from '@/features/assets/components/asset-detail-page';
import { AssetsPage } from '@/features/assets/components/assets-page';
import { PlansPage } from '@/features/maintenance/components/plans-page';
import { SparePartsPage } from '@/features/maintenance/components/spare-parts-page';
import { WorkOrderDetailPage } from '@/features/maintenance/components/work-order-detail-page';
import { WorkOrdersPage } from '@/features/maintenance/components/work-orders-page';
import { InspectPointPage } from '@/features/maintenance/inspection/components/inspect-point-page';
import { InspectionPage } from '@/features/maintenance/inspection/components/inspection-page';
import { RoundPage } from '@/features/maintenance/inspection/components/round-page';
import { HomePage } from '@/features/home/components/home-page';
import { ApiTokensPage } from '@/features/identity/components/api-tokens-page';
import { AuditPage } from '@/features/identity/components/audit-page';
import { UsersPage } from '@/features/identity/components/users-page';
import { DepartmentsPage } from '@/features/registry/components/departments-page';
import { EnterpriseDetailPage } from '@/features/registry/components/enterprise-detail-page';
import { EnterprisesPage } from '@/features/registry/components/enterprises-page';
import { ParksPage } from '@/features/registry/components/parks-page';
import { RequestDetailPage } from '@/features/service-requests/components/request-detail-page';
import { RequestsPage } from '@/features/service-requests/components/requests-page';
import { ProjectsPage } from '@/features/projects/components/projects-page';
import { ResponsibilityPage } from '@/features/targets/components/responsibility-page';
import { TargetTreePage } from '@/features/targets/components/target-tree-page';
import { AlarmsPage } from '@/features/telemetry/components/alarms-page';
import { DevicesPage } from '@/features/telemetry/components/devices-page';
import { useCan } from '@/lib/authorization';
import type { Permission } from '@/lib/authorization';
import { AuthGate } from './layout/auth-gate';
import { ScreenGate } from './layout/screen-gate';

/** A page the user's role may not open shows 403 instead of a page of failed requests. */
function Allow({ permission, children }: { permission: Permission; children: ReactNode }) {
  return useCan(permission) ? children : <ForbiddenResult />;
}

// Pages only the county's office opens load on first visit; the statistics page brings ECharts along.
const StatisticsPage = lazy(() =>
  import('@/features/service-requests/components/statistics-page').then((module) => ({ default: module.StatisticsPage })),
);
const CategoriesPage = lazy(() =>
  import('@/features/service-requests/components/categories-page').then((module) => ({ default: module.CategoriesPage })),
);
const CalendarPage = lazy(() =>
  import('@/features/service-requests/components/calendar-page').then((module) => ({ default: module.CalendarPage })),
);

// The KPI pages bring ECharts along; only those who open them load it.
const KpisPage = lazy(() => import('@/features/maintenance/components/kpis-page').then((module) => ({ default: module.KpisPage })));
const CountyKpisPage = lazy(() =>
  import('@/features/maintenance/components/county-kpis-page').then((module) => ({ default: module.CountyKpisPage })),
);

// A device's page draws live and historical charts: ECharts loads when it is first opened.
const DevicePage = lazy(() => import('@/features/telemetry/components/device-page').then((module) => ({ default: module.DevicePage })));
// The big screens bring ECharts and the county map along; wall displays open them directly.
const ScreensPage = lazy(() => import('@/features/screens/components/screens-page').then((module) => ({ default: module.ScreensPage })));
const PlantScreenPage = lazy(() =>
  import('@/features/screens/components/screen-pages').then((module) => ({ default: module.PlantScreenPage })),
);
const EnterpriseScreenPage = lazy(() =>
  import('@/features/screens/components/screen-pages').then((module) => ({ default: module.EnterpriseScreenPage })),
);
const CountyScreenPage = lazy(() =>
  import('@/features/screens/components/screen-pages').then((module) => ({ default: module.CountyScreenPage })),
);

// Projects: the detail and statistics pages bring ECharts along.
const ProjectDetailPage = lazy(() =>
  import('@/features/projects/components/project-detail-page').then((module) => ({ default: module.ProjectDetailPage })),
);
const ProjectStatisticsPage = lazy(() =>
  import('@/features/projects/components/project-statistics-page').then((module) => ({ default: module.ProjectStatisticsPage })),
);

function PageLoading() {
  return (
    <Card>
      <Skeleton active paragraph={{ rows: 8 }} />
    </Card>
  );
}

const router = createBrowserRouter([
  // Big screens (监控大屏): full window, outside the app layout; `?token=` opens one without a login.
  ...[
    { path: 'screens/plant/:plantId', element: <PlantScreenPage /> },
    { path: 'screens/enterprise', element: <EnterpriseScreenPage /> },
    { path: 'screens/county', element: <CountyScreenPage /> },
  ].map(({ path, element }) => ({
    path: `/${path}`,
    element: (
      <ScreenGate>
        <Suspense fallback={null}>{element}</Suspense>
      </ScreenGate>
    ),
  })),
  {
    path: '/',
    element: <AuthGate />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'login', element: <Navigate to="/" replace /> },
      {
        path: 'parks',
        element: (
          <Allow permission="parks.read">
            <ParksPage />
          </Allow>
        ),
      },
      {
        path: 'departments',
        element: (
          <Allow permission="departments.read">
            <DepartmentsPage />
          </Allow>
        ),
      },
      {
        path: 'enterprises',
        element: (
          <Allow permission="enterprises.read">
            <EnterprisesPage />
          </Allow>
        ),
      },
      // Enterprise users open their own enterprise here; the server answers 404 for any other.
      { path: 'enterprises/:id', element: <EnterpriseDetailPage /> },
      {
        path: 'users',
        element: (
          <Allow permission="users.manage">
            <UsersPage />
          </Allow>
        ),
      },
      {
        path: 'audit',
        element: (
          <Allow permission="audit.read">
            <AuditPage />
          </Allow>
        ),
      },
      // Every signed-in user has a list: the server scopes it to the enterprise, the department or the county.
      { path: 'requests', element: <RequestsPage /> },
      {
        path: 'requests/statistics',
        element: (
          <Allow permission="requests.statistics">
            <Suspense fallback={<PageLoading />}>
              <StatisticsPage />
            </Suspense>
          </Allow>
        ),
      },
      {
        path: 'requests/categories',
        element: (
          <Allow permission="requests.office">
            <Suspense fallback={<PageLoading />}>
              <CategoriesPage />
            </Suspense>
          </Allow>
        ),
      },
      {
        path: 'requests/calendar',
        element: (
          <Allow permission="calendar.manage">
            <Suspense fallback={<PageLoading />}>
              <CalendarPage />
            </Suspense>
          </Allow>
        ),
      },
      { path: 'requests/:id', element: <RequestDetailPage /> },
      // Assets belong to enterprises; a QR label opens the detail directly (the server answers 404 for others).
      {
        path: 'assets',
        element: (
          <Allow permission="assets.read">
            <AssetsPage />
          </Allow>
        ),
      },
      {
        path: 'assets/:id',
        element: (
          <Allow permission="assets.read">
            <AssetDetailPage />
          </Allow>
        ),
      },
      // Maintenance (维保): the enterprise's work orders, plans, parts and KPIs; the county sees a roll-up.
      {
        path: 'work-orders',
        element: (
          <Allow permission="maintenance.work">
            <WorkOrdersPage />
          </Allow>
        ),
      },
      {
        path: 'work-orders/:id',
        element: (
          <Allow permission="maintenance.work">
            <WorkOrderDetailPage />
          </Allow>
        ),
      },
      {
        path: 'maintenance/plans',
        element: (
          <Allow permission="maintenance.work">
            <PlansPage />
          </Allow>
        ),
      },
      {
        path: 'maintenance/spare-parts',
        element: (
          <Allow permission="maintenance.work">
            <SparePartsPage />
          </Allow>
        ),
      },
      {
        path: 'maintenance/kpis',
        element: (
          <Allow permission="maintenance.work">
            <Suspense fallback={<PageLoading />}>
              <KpisPage />
            </Suspense>
          </Allow>
        ),
      },
      {
        path: 'maintenance/county',
        element: (
          <Allow permission="maintenance.county">
            <Suspense fallback={<PageLoading />}>
              <CountyKpisPage />
            </Suspense>
          </Allow>
        ),
      },
      // Inspection (巡检): routes and rounds; a point's QR label opens /inspect/<token> on the technician's phone.
      {
        path: 'inspection',
        element: (
          <Allow permission="maintenance.work">
            <InspectionPage />
          </Allow>
        ),
      },
      {
        path: 'inspection/rounds/:id',
        element: (
          <Allow permission="maintenance.work">
            <RoundPage />
          </Allow>
        ),
      },
      {
        path: 'inspect/:token',
        element: (
          <Allow permission="maintenance.work">
            <InspectPointPage />
          </Allow>
        ),
      },
      // Machine data (设备监控): devices with live state, a device's charts, alarms and their rules.
      {
        path: 'devices',
        element: (
          <Allow permission="telemetry.read">
            <DevicesPage />
          </Allow>
        ),
      },
      {
        path: 'devices/:id',
        element: (
          <Allow permission="telemetry.read">
            <Suspense fallback={<PageLoading />}>
              <DevicePage />
            </Suspense>
          </Allow>
        ),
      },
      {
        path: 'alarms',
        element: (
          <Allow permission="telemetry.read">
            <AlarmsPage />
          </Allow>
        ),
      },
      // Investment projects: every role has a list (the server scopes it); statistics for the county and departments.
      { path: 'projects', element: <ProjectsPage /> },
      {
        path: 'projects/statistics',
        element: (
          <Allow permission="projects.statistics">
            <Suspense fallback={<PageLoading />}>
              <ProjectStatisticsPage />
            </Suspense>
          </Allow>
        ),
      },
      {
        path: 'projects/:id',
        element: (
          <Suspense fallback={<PageLoading />}>
            <ProjectDetailPage />
          </Suspense>
        ),
      },
      // Targets: the target tree and the responsibility table.
      {
        path: 'targets',
        element: (
          <Allow permission="targets.read">
            <TargetTreePage />
          </Allow>
        ),
      },
      {
        path: 'targets/tasks',
        element: (
          <Allow permission="targets.read">
            <ResponsibilityPage />
          </Allow>
        ),
      },
      { path: 'tokens', element: <ApiTokensPage /> },
      {
        path: 'screens',
        element: (
          <Allow permission="screens.open">
            <Suspense fallback={<PageLoading />}>
              <ScreensPage />
            </Suspense>
          </Allow>
        ),
      },
      { path: '*', element: <NotFoundResult /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
