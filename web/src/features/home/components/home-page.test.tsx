import { screen, within } from '@testing-library/react';
import type {
  AssetSummaryView,
  CountyHomeView,
  DepartmentHomeView,
  EnterpriseHomeView,
  HomeView,
  OfficeHomeView,
  Role,
  TechnicianHomeView,
} from '@tiantai/shared';
import { describe, expect, it } from 'vitest';
import { makeUser, renderWithProviders } from '@/test/render';
import { apiError, serveApi } from '@/test/serve-api';
import { HomePage } from './home-page';

const AT = '2026-06-15T02:00:00.000Z';

const OFFICE: OfficeHomeView = {
  kind: 'office',
  generatedAt: AT,
  queue: { open: 12, green: 8, yellow: 3, red: 1, toAccept: 2, toDispatch: 4, extensionRequests: 1, toFollowUp: 3 },
  urgent: [
    {
      id: 'r-1',
      number: 'ZT2026000031',
      title: '厂区白蚁防治',
      enterpriseName: '浙江山河包装箱有限公司',
      status: 'in_progress',
      sla: 'red',
      dueAt: '2026-06-12T09:00:00.000Z',
      paused: false,
    },
    {
      id: 'r-2',
      number: 'ZT2026000040',
      title: '新厂房消防验收咨询',
      enterpriseName: '浙江银轮机械股份有限公司',
      status: 'submitted',
      sla: 'yellow',
      dueAt: '2026-06-15T06:00:00.000Z',
      paused: false,
    },
  ],
};

const DEPARTMENT: DepartmentHomeView = {
  kind: 'department',
  generatedAt: AT,
  requests: { toSign: 2, toAnswer: 5, dueSoon: 1, overdue: 1, coHandling: 3 },
  urgent: [OFFICE.urgent[0]!],
  tasks: { total: 6, behind: 1, overdue: 0 },
};

const ENTERPRISE: EnterpriseHomeView = {
  kind: 'enterprise',
  generatedAt: AT,
  alarms: {
    open: 3,
    critical: 1,
    unacknowledged: 2,
    items: [
      {
        id: 'a-1',
        severity: 'critical',
        message: '油温 75 ℃ 高于 60 ℃',
        deviceId: 'd-7',
        deviceName: '压铸机 7#',
        raisedAt: AT,
        acknowledged: false,
      },
    ],
  },
  maintenance: {
    overdue: 1,
    due: 2,
    warning: 4,
    items: [
      {
        id: 'p-1',
        name: '一级保养',
        assetId: 'as-1',
        assetCode: 'YL-DC-07',
        assetName: '压铸机 7#',
        status: 'OVERDUE',
        dueAt: '2026-06-10T00:00:00.000Z',
        progress: 1.2,
        workOrderId: 'wo-9',
      },
    ],
  },
  workOrders: {
    open: 7,
    unassigned: 2,
    toAccept: 3,
    overdue: 1,
    items: [
      {
        id: 'wo-1',
        number: 'WO2026000101',
        title: '主轴异响',
        kind: 'repair',
        status: 'reported',
        assetCode: 'YL-CNC-03',
        assetName: '数控车床 3#',
        dueAt: null,
        assigneeName: null,
        overdue: false,
      },
    ],
  },
  requests: { open: 2, toRate: 1 },
};

const TECHNICIAN: TechnicianHomeView = {
  kind: 'technician',
  generatedAt: AT,
  workOrders: {
    assigned: 4,
    dueToday: 2,
    overdue: 1,
    items: [{ ...ENTERPRISE.workOrders.items[0]!, id: 'wo-2', status: 'assigned', dueAt: '2026-06-15T01:00:00.000Z', overdue: true }],
  },
  inspection: {
    openRounds: [{ id: 'round-1', routeName: '压铸车间日常点检', startedAt: AT, pointsTotal: 6, pointsChecked: 2 }],
    activeRoutes: 3,
    routesToWalk: 1,
    routes: [{ id: 'route-2', name: '空压站巡检', pointCount: 4 }],
  },
};

const COUNTY: CountyHomeView = {
  kind: 'county',
  generatedAt: AT,
  year: 2026,
  enterprises: { total: 512, aboveScale: 236 },
  parks: 4,
  requests: { open: 40, green: 30, yellow: 6, red: 4, received: 318, closed: 270, onTimeRate: 0.953 },
  projects: { count: 104, plannedYearWan: 1_250_000, completedYearWan: 560_000, red: 3 },
  machines: { total: 15_000, online: 12_345 },
  targets: { indicators: 8, behind: 2, tasksBehind: 5, tasksOverdue: 1 },
};

const ASSETS: AssetSummaryView = {
  total: 120,
  byKind: { equipment: 80, mold: 30, tooling: 10 },
  byState: { planned: 0, commissioned: 0, in_service: 118, under_maintenance: 1, under_repair: 1, idle: 0, scrapped: 0 },
  moldsNearEndOfLife: 2,
  enterprises: 1,
  sharedEnterprises: [],
};

function renderHome(role: Role, home: HomeView | Response, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const server = serveApi({ 'GET /api/home': () => home, 'GET /api/assets/summary': () => ASSETS });
  renderWithProviders(<HomePage />, { user: makeUser(role), locale });
  return server;
}

/** The link a figure card is. */
const hrefOf = (testId: string) => screen.getByTestId(testId).getAttribute('href');
const valueOf = (testId: string) => screen.getByTestId(`${testId}-value`).textContent;

// The first render loads antd and the icons: more than the 5 s default on a busy machine.
describe('HomePage', { timeout: 30_000 }, () => {
  it('shows the office its queue by SLA colour, each colour linking to the filtered list, and what waits on it', async () => {
    renderHome('service_officer', OFFICE);
    await screen.findByTestId('home-office');
    expect(valueOf('home-to-accept')).toBe('2');
    expect(hrefOf('home-to-accept')).toBe('/requests?status=submitted');
    expect(valueOf('home-to-dispatch')).toBe('4');
    expect(hrefOf('home-to-dispatch')).toBe('/requests?status=accepted');
    expect(valueOf('home-overdue')).toBe('1');
    expect(hrefOf('home-overdue')).toBe('/requests?sla=red');
    // Answers left unrated past their window: the office calls the enterprise (回访).
    expect(valueOf('home-to-follow-up')).toBe('3');
    expect(hrefOf('home-to-follow-up')).toBe('/requests?status=answered');
    expect(screen.getByTestId('home-to-follow-up').textContent).toContain('待回访');
    expect(screen.getByTestId('home-to-follow-up').textContent).toContain('已答复待企业评价，可电话回访办结');
    for (const [colour, count] of [
      ['green', '8'],
      ['yellow', '3'],
      ['red', '1'],
    ])
      expect([screen.getByTestId(`home-sla-${colour}-value`).textContent, hrefOf(`home-sla-${colour}`)]).toEqual([
        count,
        `/requests?sla=${colour}`,
      ]);
    const urgent = screen.getAllByTestId('home-urgent-item');
    expect(urgent.map((row) => row.getAttribute('href'))).toEqual(['/requests/r-1', '/requests/r-2']);
    expect(urgent[0]!.textContent).toContain('ZT2026000031');
    expect(urgent[0]!.textContent).toContain('办理中');
    // The old capability card is gone.
    expect(screen.queryByText('平台能力')).toBeNull();
    expect(screen.queryByText('建设中')).toBeNull();
  });

  it('shows a department the requests it leads to sign and to answer, linked to its own list, and its target tasks', async () => {
    renderHome('department_handler', DEPARTMENT);
    await screen.findByTestId('home-department');
    expect(valueOf('home-to-sign')).toBe('2');
    expect(hrefOf('home-to-sign')).toBe('/requests?status=dispatched&departmentId=org-department');
    expect(valueOf('home-to-answer')).toBe('5');
    expect(hrefOf('home-to-answer')).toBe('/requests?departmentId=org-department');
    expect(hrefOf('home-overdue')).toBe('/requests?sla=red&departmentId=org-department');
    // Requests another department leads and this one co-handles: in its list of open requests.
    expect(valueOf('home-co-handling')).toBe('3');
    expect(hrefOf('home-co-handling')).toBe('/requests?open=true');
    expect(screen.getByTestId('home-co-handling').textContent).toContain('协办待提意见');
    expect(screen.getAllByTestId('home-urgent-item')).toHaveLength(1);
    const tasks = screen.getByTestId('home-tasks');
    expect(tasks.textContent).toContain('今年牵头 6 项任务');
    expect(within(tasks).getByTestId('home-tasks-behind').getAttribute('href')).toBe('/targets/tasks?status=behind');
  });

  it('shows an enterprise admin its alarms, due maintenance and open work orders, each linked', async () => {
    renderHome('enterprise_admin', ENTERPRISE);
    await screen.findByTestId('home-enterprise');
    expect(valueOf('home-alarms')).toBe('3');
    expect(hrefOf('home-alarms')).toBe('/alarms?status=raised');
    expect(screen.getByTestId('home-alarms').textContent).toContain('紧急 1 · 未确认 2');
    expect(valueOf('home-maintenance')).toBe('3'); // due + overdue
    expect(valueOf('home-work-orders')).toBe('7');
    expect(hrefOf('home-to-accept')).toBe('/work-orders?scope=all&status=done');
    expect(screen.getByTestId('home-alarm-item').getAttribute('href')).toBe('/devices/d-7');
    // A due plan opens the 保养 order the job made for it.
    expect(screen.getByTestId('home-plan-item').getAttribute('href')).toBe('/work-orders/wo-9');
    expect(screen.getByTestId('home-order-item').getAttribute('href')).toBe('/work-orders/wo-1');
    expect(screen.getByTestId('home-requests-text').textContent).toBe('在办 2 件，待评价 1 件');
    expect(hrefOf('home-requests')).toBe('/requests?status=answered');
    expect(await screen.findByText('共 120 台（套），2 套模具接近寿命')).toBeTruthy();
  });

  it("shows a technician today's tasks: its work orders and the rounds to walk", async () => {
    renderHome('enterprise_member', TECHNICIAN);
    await screen.findByTestId('home-technician');
    expect(valueOf('home-assigned')).toBe('4');
    expect(hrefOf('home-assigned')).toBe('/work-orders?scope=mine');
    expect(valueOf('home-due-today')).toBe('2');
    expect(valueOf('home-routes')).toBe('1');
    const order = screen.getByTestId('home-order-item');
    expect(order.getAttribute('href')).toBe('/work-orders/wo-2');
    expect(order.textContent).toContain('已逾期');
    expect(screen.getByTestId('home-round-item').getAttribute('href')).toBe('/inspection/rounds/round-1');
    expect(screen.getByTestId('home-round-item').textContent).toContain('2/6');
    expect(screen.getByRole('progressbar', { name: '压铸车间日常点检 已检点位 2 / 6' }).getAttribute('aria-valuenow')).toBe('33');
    expect(screen.getByTestId('home-route-item').textContent).toContain('空压站巡检');
  });

  it.each(['county_admin', 'county_viewer'] as const)('shows the %s the county key figures with links', async (role) => {
    renderHome(role, COUNTY);
    await screen.findByTestId('home-county');
    expect(valueOf('home-enterprises')).toBe('512');
    expect(screen.getByTestId('home-enterprises').textContent).toContain('其中规上企业 236 家');
    expect(hrefOf('home-enterprises')).toBe('/enterprises');
    expect(valueOf('home-machines')).toBe('12345/ 15000');
    expect(hrefOf('home-machines')).toBe('/screens/county');
    expect(screen.getByTestId('home-projects').textContent).toContain('2026 年重点项目');
    // Invested and planned in one unit.
    expect(screen.getByTestId('home-projects').textContent).toContain('完成投资 56.00 亿元 / 计划 125.00 亿元 · 44.8%');
    expect(hrefOf('home-projects-red')).toBe('/projects?signal=red');
    expect(screen.getByTestId('home-requests').textContent).toContain('办结 270 件 · 按时率 95.3%');
    expect(screen.getByTestId('home-sla-red-value').textContent).toBe('4');
  });

  it('speaks English to a user who chose it', async () => {
    renderHome('service_officer', OFFICE, 'en');
    await screen.findByTestId('home-office');
    expect(screen.getByTestId('home-to-accept').textContent).toContain('To accept');
    expect(screen.getByTestId('home-to-follow-up').textContent).toContain('To follow up');
    expect(screen.getByTestId('home-sla').textContent).toContain('Overdue');
  });

  it("speaks English to a department's handler who chose it", async () => {
    renderHome('department_handler', DEPARTMENT, 'en');
    await screen.findByTestId('home-department');
    expect(screen.getByTestId('home-co-handling').textContent).toContain('Co-handling: opinion wanted');
  });

  it('says so when the home cannot be loaded, and offers to retry', async () => {
    renderHome('service_officer', apiError(500, 'INTERNAL', 'boom'));
    expect(await screen.findByText('数据加载失败')).toBeTruthy();
    expect(screen.getByRole('button', { name: /重\s*试/ })).toBeTruthy();
    expect(screen.getByTestId('welcome').textContent).toContain('Test service_officer');
  });
});
