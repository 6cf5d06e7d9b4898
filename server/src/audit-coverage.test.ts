// Every state change writes an audit row in the same transaction as the change (security issue #13). Each
// write endpoint is driven once with a successful call, and the rows the call left in audit_log are compared
// with the ones it should leave: action, entity, entity id, organisation and actor. This file drives identity
// and the register, direct service with its settings and calendar, screens, projects and targets;
// audit-coverage-operations.test.ts the shop floor (assets, maintenance, inspection, telemetry). The lists
// are in audit-coverage.support.ts. The last test lists every write endpoint of the OpenAPI document: each is
// checked in one of the two files or exempt with a reason, so a new write endpoint on no list fails the suite.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../test/engines';
import { createTestApp, login, type Client, type TestApp } from '../test/harness';
import { CHECKED_OPERATIONS, CHECKED_REGISTER, EXEMPT, EndpointDriver, auditRow } from './audit-coverage.support';
import { PUBLISHED_DEMO_PASSWORD } from './demo/load-demo';
import { chinaDate, chinaYear } from './modules/projects';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An .xlsx of one sheet: the header row, then the rows. */
async function workbook(headers: string[], rows: Array<Array<string | number>>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const filing = {
  categoryCode: 'construction',
  title: '厂区白蚁防治',
  description: '仓库木托盘发现白蚁，需要白蚁防治指导',
  contactName: '徐丽华',
  contactPhone: '13800000000',
};
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

describe.each(ENGINES)('audit rows of write endpoints (identity, register, direct service, screens, projects, targets) on %s', (engine) => {
  let t: TestApp;
  let d: EndpointDriver;
  let admin: Client;
  let officer: Client;
  let zhujian: Client;
  let shanhe: Client;
  const year = chinaYear(new Date());
  const today = chinaDate(new Date());
  beforeAll(async () => {
    t = await createTestApp(engine);
    d = new EndpointDriver(t);
    [admin, officer, zhujian, shanhe] = [
      await login(t.app, 'admin'),
      await login(t.app, 'officer'),
      await login(t.app, 'zhujian'),
      await login(t.app, 'shanhe'),
    ];
  });
  afterAll(async () => t?.close());

  describe('identity', () => {
    it('audits a sign-in and a sign-out as the session of the user', async () => {
      const { res, rows } = await d.drive(null, 'POST /api/auth/login', {
        body: { username: 'leader', password: PUBLISHED_DEMO_PASSWORD },
      });
      const { user } = res.json<{ user: { id: string; organisationId: string } }>();
      expect(rows).toEqual([
        { action: 'login', entity: 'session', entity_id: user.id, organisation_id: user.organisationId, actor_username: 'leader' },
      ]);
      const leader = await login(t.app, 'leader');
      await d.expectRows(leader, 'POST /api/auth/logout', {}, [auditRow(leader, 'logout', 'session', leader.userId)]);
    });

    it('audits a user created by the county admin, its own password change and the admin’s edit', async () => {
      const password = 'Audit-Viewer#2026';
      const { id } = await d.expectCreated(
        admin,
        'POST /api/users',
        {
          body: {
            username: 'audit.viewer',
            displayName: '审计 查看员',
            role: 'county_viewer',
            organisationId: admin.organisationId,
            password,
          },
        },
        (id) => [auditRow(admin, 'create', 'user', id)],
      );
      const viewer = await login(t.app, 'audit.viewer', password);
      await d.expectRows(viewer, 'POST /api/auth/password', { body: { currentPassword: password, newPassword: 'Audit-Viewer#2027' } }, [
        auditRow(viewer, 'change_password', 'user', id),
      ]);
      await d.expectRows(
        admin,
        'PATCH /api/users/{id}',
        { params: { id }, body: { displayName: '审计 查看员（县领导办）', phone: '13900000001' } },
        [auditRow(admin, 'update', 'user', id)],
      );
    });

    it('audits an API token made and revoked under its owner’s enterprise', async () => {
      const { id } = await d.expectCreated(shanhe, 'POST /api/api-tokens', { body: { name: '审计 报表脚本', scope: 'read' } }, (id) => [
        auditRow(shanhe, 'create', 'api_token', id),
      ]);
      await d.expectRows(shanhe, 'DELETE /api/api-tokens/{id}', { params: { id } }, [auditRow(shanhe, 'revoke', 'api_token', id)]);
    });
  });

  describe('register', () => {
    it('audits a park created and edited, as the county’s record', async () => {
      const body = { name: '审计测试小微园', kind: 'park', towns: ['平桥镇'], areaKm2: 1.2, plannedInvestmentWan: 50000 };
      const { id } = await d.expectCreated(admin, 'POST /api/parks', { body }, (id) => [auditRow(admin, 'create', 'park', id, null)]);
      await d.expectRows(admin, 'PATCH /api/parks/{id}', { params: { id }, body: { description: '标准厂房 12 幢' } }, [
        auditRow(admin, 'update', 'park', id, null),
      ]);
    });

    it('audits a department created and edited under its own organisation', async () => {
      const body = { name: '天台县审计测试服务中心', shortName: '审计中心', kind: 'centre', acceptsRequests: false };
      const { id } = await d.expectCreated(admin, 'POST /api/departments', { body }, (id) => [
        auditRow(admin, 'create', 'department', id, id),
      ]);
      await d.expectRows(
        admin,
        'PATCH /api/departments/{id}',
        { params: { id }, body: { contactName: '李明', contactPhone: '0576-83880000' } },
        [auditRow(admin, 'update', 'department', id, id)],
      );
    });

    it('audits an enterprise registered by the county and a profile edited by the enterprise itself', async () => {
      await d.expectCreated(
        admin,
        'POST /api/enterprises',
        { body: { name: '天台审计样本机械有限公司', industryCode: 'C3499', township: '平桥镇' } },
        (id) => [auditRow(admin, 'create', 'enterprise', id, id)],
        (body: { enterprise: { id: string } }) => body.enterprise.id,
      );
      const own = shanhe.organisationId;
      await d.expectRows(shanhe, 'PATCH /api/enterprises/{id}', { params: { id: own }, body: { address: '天台县始丰街道工业园 9 号' } }, [
        auditRow(shanhe, 'update', 'enterprise', own),
      ]);
    });

    it('audits each enterprise an imported sheet creates', async () => {
      const name = '天台审计导入橡塑有限公司';
      const file = await workbook(
        ['企业名称', '统一社会信用代码', '行业代码', '规上企业', '园区', '乡镇'],
        [[name, '', 'C2913', '否', '', '三合镇']],
      );
      const { res, rows } = await d.drive(admin, 'POST /api/enterprises/import', { body: file, headers: { 'content-type': XLSX_MIME } });
      expect(res.json()).toMatchObject({ created: 1, updated: 0 });
      const { id } = await t.db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow();
      expect(rows).toEqual([auditRow(admin, 'create', 'enterprise', id, id)]);
    });
  });

  describe('direct service', () => {
    const act = (who: Client, id: string, body: { action: string } & Record<string, unknown>) =>
      d.expectRows(who, 'POST /api/service-requests/{id}/actions', { params: { id }, body }, [
        auditRow(who, body.action, 'service_request', id, shanhe.organisationId),
      ]);
    const file = async () =>
      (
        await d.expectCreated(shanhe, 'POST /api/service-requests', { body: filing }, (id) => [
          auditRow(shanhe, 'create', 'service_request', id),
        ])
      ).id;

    it('audits filing and every workflow step of a service request under the step’s action name', async () => {
      const id = await file();
      await act(officer, id, { action: 'accept', phoneContact: '电话确认' });
      await act(officer, id, { action: 'dispatch', leadDepartmentId: zhujian.organisationId });
      await act(zhujian, id, { action: 'return', reason: '属房管中心职责' });
      await act(officer, id, { action: 'dispatch', leadDepartmentId: zhujian.organisationId });
      await act(zhujian, id, { action: 'sign' });
      await act(zhujian, id, { action: 'start' });
      await act(zhujian, id, { action: 'pause', reason: '等待企业补充材料' });
      await act(zhujian, id, { action: 'resume' });
      await act(zhujian, id, { action: 'answer', answer: '已答复' });
      await act(shanhe, id, { action: 'rate', rating: 'satisfied' });
    });

    it('audits a file attached to a service request', async () => {
      const id = await file();
      await d.expectRows(
        shanhe,
        'POST /api/service-requests/{id}/attachments',
        { params: { id }, body: png, headers: { 'content-type': 'image/png', 'x-filename': 'a.png' } },
        [auditRow(shanhe, 'attach', 'service_request', id)],
      );
    });

    it('audits a request filed through Open311 as the api_key’s user', async () => {
      const key = (await shanhe.post('/api/api-tokens', { name: 'Open311 client' })).json<{ token: string }>().token;
      const { res, rows } = await d.drive(null, 'POST /open311/v2/requests.{format}', {
        params: { format: 'json' },
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          api_key: key,
          service_code: 'construction',
          description: '厂区道路塌陷，需要住建部门查看',
          address_string: '天台县始丰街道工业园区',
        }).toString(),
      });
      const number = res.json<Array<{ service_request_id: string }>>()[0]!.service_request_id;
      const { id } = await t.db.selectFrom('service_requests').select('id').where('number', '=', number).executeTakeFirstOrThrow();
      expect(rows).toEqual([auditRow(shanhe, 'create', 'service_request', id)]);
    });

    it('audits the office’s settings: a category’s time limits and the green-rate formula', async () => {
      await d.expectRows(
        officer,
        'PATCH /api/service-requests/categories/{code}',
        { params: { code: 'construction' }, body: { answerDays: 4 } },
        [auditRow(officer, 'update', 'service_category', 'construction', null)],
      );
      await d.expectRows(officer, 'PUT /api/service-requests/green-formula', { body: { ratings: ['satisfied'], requireOnTime: false } }, [
        auditRow(officer, 'update', 'green_rate_formula', 'green_rate_formula', null),
      ]);
    });

    it('audits a day of the working calendar set and removed by the county admin', async () => {
      const date = '2030-04-08';
      await d.expectRows(admin, 'PUT /api/calendar/{date}', { params: { date }, body: { kind: 'holiday', name: '审计测试假日' } }, [
        auditRow(admin, 'update', 'calendar_day', date, null),
      ]);
      await d.expectRows(admin, 'DELETE /api/calendar/{date}', { params: { date } }, [
        auditRow(admin, 'delete', 'calendar_day', date, null),
      ]);
    });
  });

  describe('screens', () => {
    it('audits a kiosk token made and revoked by an enterprise', async () => {
      const { id } = await d.expectCreated(
        shanhe,
        'POST /api/screen-tokens',
        { body: { name: '山河 车间大屏', screen: 'enterprise' } },
        (id) => [auditRow(shanhe, 'create', 'screen_token', id)],
      );
      await d.expectRows(shanhe, 'DELETE /api/screen-tokens/{id}', { params: { id } }, [auditRow(shanhe, 'revoke', 'screen_token', id)]);
    });
  });

  describe('projects', () => {
    it('audits a project registered, edited, moved, reported on and asking for direct service, under its enterprise', async () => {
      const own = shanhe.organisationId;
      const body = {
        name: '山河包装箱 审计示范技改项目',
        enterpriseId: own,
        industry: 'equipment',
        totalInvestmentWan: 12000,
        responsibleDepartmentId: zhujian.organisationId,
        planYear: year,
        plannedYearWan: 3000,
      };
      const { id } = await d.expectCreated(admin, 'POST /api/projects', { body }, (id) => [auditRow(admin, 'create', 'project', id, own)]);
      // The responsible department edits it, the county admin moves it on, the enterprise reports progress.
      await d.expectRows(zhujian, 'PATCH /api/projects/{id}', { params: { id }, body: { responsiblePerson: '许海波' } }, [
        auditRow(zhujian, 'update', 'project', id, own),
      ]);
      await d.expectRows(admin, 'POST /api/projects/{id}/transitions', { params: { id }, body: { to: 'signed' } }, [
        auditRow(admin, 'transition', 'project', id, own),
      ]);
      await d.expectRows(
        shanhe,
        'PUT /api/projects/{id}/investments/{month}',
        { params: { id, month: today.slice(0, 7) }, body: { amountWan: 500 } },
        [auditRow(shanhe, 'investment', 'project', id)],
      );
      const planned = await d.expectRows(
        admin,
        'POST /api/projects/{id}/milestones',
        { params: { id }, body: { name: '签约', plannedDate: today } },
        [auditRow(admin, 'milestone', 'project', id, own)],
      );
      const milestoneId = planned.json<{ milestones: Array<{ id: string }> }>().milestones[0]!.id;
      await d.expectRows(
        shanhe,
        'PATCH /api/projects/{id}/milestones/{milestoneId}',
        { params: { id, milestoneId }, body: { actualDate: today } },
        [auditRow(shanhe, 'milestone', 'project', id)],
      );
      // The request is audited by direct service as filed, the link by the project.
      const { res, rows } = await d.drive(shanhe, 'POST /api/projects/{id}/service-requests', { params: { id }, body: filing });
      const requestId = res.json<{ serviceRequests: Array<{ id: string }> }>().serviceRequests[0]!.id;
      expect(rows).toEqual([auditRow(shanhe, 'link_request', 'project', id), auditRow(shanhe, 'create', 'service_request', requestId)]);
    });

    it('audits each project an imported sheet creates', async () => {
      const name = '审计导入新材料项目';
      const file = await workbook(
        ['项目名称', '业主单位', '园区', '产业', '阶段', '总投资(万元)', '计划年度', '年度计划投资(万元)', '责任单位'],
        [[name, '外地审计投资人有限公司', '', '新材料', '洽谈', 3000, '', '', '投促中心']],
      );
      const { res, rows } = await d.drive(admin, 'POST /api/projects/import', { body: file, headers: { 'content-type': XLSX_MIME } });
      expect(res.json()).toEqual({ created: 1, updated: 0 });
      const { id } = await t.db.selectFrom('projects').select('id').where('name', '=', name).executeTakeFirstOrThrow();
      expect(rows).toEqual([auditRow(admin, 'create', 'project', id, null)]);
    });
  });

  describe('targets', () => {
    it('audits an indicator’s year set by the county admin, a task assigned and the department’s report', async () => {
      const tree = (await admin.get(`/api/targets?year=${year}`)).json<{ indicators: Array<{ id: string }> }>();
      const indicatorId = tree.indicators[0]!.id;
      await d.expectRows(
        admin,
        'PUT /api/targets/indicators/{id}/years/{year}',
        { params: { id: indicatorId, year }, body: { targetValue: 420 } },
        [auditRow(admin, 'update', 'indicator', indicatorId, null)],
      );
      const task = {
        indicatorId,
        year,
        title: '审计专项：规上企业数字化改造',
        departmentId: zhujian.organisationId,
        startDate: `${year}-01-01`,
        deadline: `${year}-12-31`,
      };
      const { id } = await d.expectCreated(admin, 'POST /api/targets/tasks', { body: task }, (id) => [
        auditRow(admin, 'create', 'target_task', id, zhujian.organisationId),
      ]);
      await d.expectRows(
        zhujian,
        'POST /api/targets/tasks/{id}/reports',
        { params: { id }, body: { progress: 40, note: '已完成 12 家企业诊断' } },
        [auditRow(zhujian, 'report', 'target_task', id)],
      );
    });
  });

  it('drives every endpoint this file lists as checked', () => {
    expect(CHECKED_REGISTER.filter((endpoint) => !d.driven.has(endpoint))).toEqual([]);
  });

  it('lists every write endpoint of the OpenAPI document as checked here or in the operations file, or exempt with a reason', () => {
    const paths = (t.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
    const writes = Object.entries(paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .map((m) => m.toUpperCase())
        .filter((m) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m))
        .map((m) => `${m} ${path}`),
    );
    const lists = [...CHECKED_REGISTER, ...CHECKED_OPERATIONS, ...Object.keys(EXEMPT)];
    const listed = new Set(lists);
    expect(lists.length, 'an endpoint on two lists').toBe(listed.size);
    expect(Object.values(EXEMPT).every((reason) => reason.length > 20)).toBe(true);
    expect(writes.filter((w) => !listed.has(w))).toEqual([]);
    expect([...listed].filter((w) => !writes.includes(w))).toEqual([]);
  });
});
