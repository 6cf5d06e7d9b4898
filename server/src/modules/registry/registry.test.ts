import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { createTestApp, errorCode, login, type Client, type TestApp } from '../../../test/harness';
import { XLSX_MIME } from './registry.routes';

const VALID_CODE = '91350100M000100Y43'; // a published valid example of GB 32100-2015
const BAD_CHECK_CODE = '91350100M000100Y44';

async function sheet(
  rows: Array<Array<string | number>>,
  headers = ['企业名称', '统一社会信用代码', '行业代码', '规上企业', '园区', '乡镇'],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('企业');
  ws.addRow(headers);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe.each(ENGINES)('registry on %s', (engine) => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await login(t.app, 'admin');
  });
  afterAll(async () => t?.close());

  const countEnterprises = async () => (await admin.get('/api/enterprises?pageSize=1')).json<{ total: number }>().total;

  describe('demo county', () => {
    it('has the seed parks, about 60 departments and 120 enterprises', async () => {
      const parks = (await admin.get('/api/parks')).json<
        Array<{ name: string; towns: string[]; areaKm2: number; plannedInvestmentWan: number; enterpriseCount: number }>
      >();
      expect(parks.map((p) => p.name)).toEqual([
        '苍山产业集聚区',
        '中德现代交通科技产业园',
        '智能橡胶产业园',
        '天成航空产业园',
        '数字经济产业园',
      ]);
      expect(parks[0]).toMatchObject({ towns: ['坦头镇', '三合镇'], areaKm2: 10, plannedInvestmentWan: 730000 });
      expect(parks[0]!.enterpriseCount).toBeGreaterThan(3);
      const departments = (await admin.get('/api/departments')).json<Array<{ name: string }>>();
      expect(departments.length).toBeGreaterThanOrEqual(60);
      expect(departments.map((d) => d.name)).toContain('县住房和城乡建设局');
      expect(await countEnterprises()).toBe(120);
    });
  });

  describe('enterprise list', () => {
    it('filters, searches and pages', async () => {
      const parks = (await admin.get('/api/parks')).json<Array<{ id: string; name: string; enterpriseCount: number }>>();
      const rubber = parks.find((p) => p.name === '智能橡胶产业园')!;
      const inPark = (await admin.get(`/api/enterprises?parkId=${rubber.id}&pageSize=200`)).json<{
        total: number;
        items: Array<{ parkName: string }>;
      }>();
      expect(inPark.total).toBe(rubber.enterpriseCount);
      expect(inPark.items.every((e) => e.parkName === '智能橡胶产业园')).toBe(true);

      const search = (await admin.get(`/api/enterprises?q=${encodeURIComponent('银轮')}`)).json<{ items: Array<{ name: string }> }>();
      expect(search.items.map((e) => e.name).sort()).toEqual(['台州银轮信息科技有限公司', '银轮机械股份有限公司']);

      const above = (await admin.get('/api/enterprises?aboveScale=true&pageSize=1')).json<{ total: number }>().total;
      const below = (await admin.get('/api/enterprises?aboveScale=false&pageSize=1')).json<{ total: number }>().total;
      expect(above + below).toBe(120);
      expect(above).toBeGreaterThan(0);

      const page1 = (await admin.get('/api/enterprises?page=1&pageSize=50')).json<{ items: Array<{ id: string }> }>();
      const page3 = (await admin.get('/api/enterprises?page=3&pageSize=50')).json<{ items: Array<{ id: string }>; total: number }>();
      expect(page1.items).toHaveLength(50);
      expect(page3.items).toHaveLength(20);
      expect(page1.items.map((e) => e.id)).not.toContain(page3.items[0]!.id);

      const c36 = (await admin.get('/api/enterprises?industry=C36&pageSize=200')).json<{ items: Array<{ industryCode: string }> }>();
      expect(c36.items.length).toBeGreaterThan(0);
      expect(c36.items.every((e) => e.industryCode.startsWith('C36'))).toBe(true);
    });
  });

  describe('creating and editing', () => {
    it('creates an enterprise; a failing check character is a warning, not a rejection', async () => {
      const ok = await admin.post('/api/enterprises', {
        name: '天台新创精密机械有限公司',
        creditCode: VALID_CODE,
        industryCode: 'C3489',
        aboveScale: true,
        township: '坦头镇',
      });
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({ enterprise: { creditCodeValid: true, aboveScale: true }, warnings: [] });

      const warned = await admin.post('/api/enterprises', { name: '天台老字号制品厂', creditCode: BAD_CHECK_CODE.toLowerCase() });
      expect(warned.statusCode).toBe(201);
      expect(warned.json().enterprise).toMatchObject({ creditCode: BAD_CHECK_CODE, creditCodeValid: false });
      expect(warned.json().warnings).toEqual([expect.objectContaining({ code: 'CREDIT_CODE_CHECK', value: '3' })]);

      const dupCode = await admin.post('/api/enterprises', { name: '另一家公司', creditCode: VALID_CODE });
      expect([dupCode.statusCode, errorCode(dupCode)]).toEqual([409, 'DUPLICATE']);
      const dupName = await admin.post('/api/enterprises', { name: '天台新创精密机械有限公司' });
      expect([dupName.statusCode, errorCode(dupName)]).toEqual([409, 'DUPLICATE']);
      const badShape = await admin.post('/api/enterprises', { name: '形状不对', creditCode: '91350100M000100YI3' });
      expect(errorCode(badShape)).toBe('VALIDATION_FAILED');
      const unknownPark = await admin.post('/api/enterprises', { name: '园区不存在', parkId: 'no-such-park' });
      expect([unknownPark.statusCode, errorCode(unknownPark)]).toEqual([400, 'VALIDATION_FAILED']);
      expect((await admin.get(`/api/enterprises?q=${encodeURIComponent('园区不存在')}`)).json().total).toBe(0);
    });

    it('lets an enterprise admin edit its own contacts; a county rename renames its organisation', async () => {
      const shanhe = await login(t.app, 'shanhe');
      const res = await shanhe.patch(`/api/enterprises/${shanhe.organisationId}`, { contactName: '徐丽华' });
      expect(res.statusCode).toBe(200);
      // The name is the county's (registry-identity.test.ts covers every identity field).
      const renamed = await shanhe.patch(`/api/enterprises/${shanhe.organisationId}`, { name: '台州山河包装箱有限公司（新厂）' });
      expect([renamed.statusCode, errorCode(renamed)]).toEqual([403, 'FORBIDDEN']);
      expect((await admin.patch(`/api/enterprises/${shanhe.organisationId}`, { name: '台州山河包装箱有限公司（新厂）' })).statusCode).toBe(
        200,
      );
      const session = (await shanhe.get('/api/auth/session')).json<{ user: { organisationName: string } }>();
      expect(session.user.organisationName).toBe('台州山河包装箱有限公司（新厂）');
      await admin.patch(`/api/enterprises/${shanhe.organisationId}`, { name: '台州山河包装箱有限公司' });

      // Editing one field leaves the others alone (no defaults on update).
      const yinlun = await login(t.app, 'yinlun');
      const before = (await yinlun.get(`/api/enterprises/${yinlun.organisationId}`)).json<{ aboveScale: boolean; industryCode: string }>();
      expect(before.aboveScale).toBe(true);
      await yinlun.patch(`/api/enterprises/${yinlun.organisationId}`, { contactName: '金伟民' });
      expect((await yinlun.get(`/api/enterprises/${yinlun.organisationId}`)).json()).toMatchObject({
        aboveScale: true,
        industryCode: before.industryCode,
        contactName: '金伟民',
      });

      const tech = await login(t.app, 'yinlun.tech');
      expect((await tech.patch(`/api/enterprises/${tech.organisationId}`, { contactName: 'x' })).statusCode).toBe(403);
    });

    it('keeps parks and departments to the county admin', async () => {
      const created = await admin.post('/api/parks', {
        name: '天台通用航空小镇',
        kind: 'zone',
        towns: ['平桥镇'],
        areaKm2: 2.5,
        plannedInvestmentWan: 80000,
      });
      expect(created.statusCode).toBe(201);
      const patched = await admin.patch(`/api/parks/${created.json().id}`, { areaKm2: 3 });
      expect(patched.json()).toMatchObject({ areaKm2: 3, towns: ['平桥镇'] });

      const dept = await admin.post('/api/departments', { name: '县数据资源管理局', kind: 'bureau', acceptsRequests: true });
      expect(dept.statusCode).toBe(201);
      const renamed = await admin.patch(`/api/departments/${dept.json().id}`, { name: '县数据局', shortName: '数据局' });
      expect(renamed.json()).toMatchObject({ name: '县数据局', shortName: '数据局', acceptsRequests: true });
      const orgs = (await admin.get('/api/organisations?kind=department')).json<Array<{ name: string }>>();
      expect(orgs.map((o) => o.name)).toContain('县数据局');
    });
  });

  describe('bad input', () => {
    it('answers malformed JSON, wrong types and huge strings with a 4xx code and writes nothing', async () => {
      const before = await countEnterprises();
      const malformed = await admin.request('POST', '/api/enterprises', '{"name": "半截', { 'content-type': 'application/json' });
      expect([malformed.statusCode, errorCode(malformed)]).toEqual([400, 'MALFORMED_JSON']);
      const wrongTypes = await admin.post('/api/enterprises', { name: 42, aboveScale: 'yes' });
      expect([wrongTypes.statusCode, errorCode(wrongTypes)]).toEqual([400, 'VALIDATION_FAILED']);
      const huge = await admin.post('/api/enterprises', { name: '厂'.repeat(100_000) });
      expect([huge.statusCode, errorCode(huge)]).toEqual([400, 'VALIDATION_FAILED']);
      const tooBig = await admin.post('/api/enterprises', { name: 'x', address: 'y'.repeat(2_000_000) });
      expect([tooBig.statusCode, errorCode(tooBig)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      const notJson = await admin.request('POST', '/api/parks', '<park/>', { 'content-type': 'application/xml' });
      expect([notJson.statusCode, errorCode(notJson)]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      const badQuery = await admin.get('/api/enterprises?page=-1&pageSize=abc');
      expect([badQuery.statusCode, errorCode(badQuery)]).toEqual([400, 'VALIDATION_FAILED']);
      expect(await countEnterprises()).toBe(before);
      expect((await admin.get('/api/health')).json().status).toBe('ok');
    });

    it('answers unknown ids with 404 NOT_FOUND', async () => {
      for (const url of ['/api/enterprises/nope', '/api/parks/nope', '/api/departments/nope', '/api/users/nope']) {
        const res = await admin.get(url);
        expect([url, res.statusCode, errorCode(res)]).toEqual([url, 404, 'NOT_FOUND']);
      }
      const patch = await admin.patch('/api/enterprises/nope', { name: '不存在' });
      expect([patch.statusCode, errorCode(patch)]).toEqual([404, 'NOT_FOUND']);
      expect((await admin.get('/api/no/such/route')).statusCode).toBe(404);
    });
  });

  describe('Excel', () => {
    it('exports the register and imports it back as updates', async () => {
      const exported = await admin.get('/api/enterprises/export.xlsx');
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-type']).toBe(XLSX_MIME);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
      const ws = workbook.worksheets[0]!;
      expect(ws.getRow(1).getCell(1).value).toBe('企业名称');
      const total = await countEnterprises();
      expect(ws.rowCount - 1).toBe(total);

      const res = await admin.request('POST', '/api/enterprises/import', exported.rawPayload, { 'content-type': XLSX_MIME });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ created: 0, updated: total });
      expect(await countEnterprises()).toBe(total);
    });

    it('imports new rows, matching parks by name', async () => {
      const file = await sheet([
        ['天台汇丰橡塑有限公司', '', 'C2913', '是', '智能橡胶产业园', '三合镇'],
        ['天台顺达物流装备有限公司', BAD_CHECK_CODE.replace('Y44', 'Y45'), 'C3499', '否', '', '坦头镇'],
      ]);
      const res = await admin.request('POST', '/api/enterprises/import', file, { 'content-type': XLSX_MIME });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ created: 2, updated: 0, warnings: [{ code: 'CREDIT_CODE_CHECK', value: '3', row: 3 }] });
      const found = (await admin.get(`/api/enterprises?q=${encodeURIComponent('汇丰橡塑')}`)).json<{
        items: Array<{ parkName: string; aboveScale: boolean }>;
      }>();
      expect(found.items[0]).toMatchObject({ parkName: '智能橡胶产业园', aboveScale: true });
    });

    it('rejects a sheet with bad rows, reporting each, and imports none of it', async () => {
      const before = await countEnterprises();
      const file = await sheet([
        ['天台好行有限公司', '', 'C3670', '是', '', '福溪街道'],
        ['', '', '', '是', '', ''],
        ['天台坏码有限公司', 'NOT-A-CODE', 'C36', '是', '', ''],
        ['天台园区错有限公司', '', 'C36', '也许', '火星园区', ''],
        ['天台好行有限公司', '', 'C3670', '否', '', ''],
      ]);
      const res = await admin.request('POST', '/api/enterprises/import', file, { 'content-type': XLSX_MIME });
      expect([res.statusCode, errorCode(res)]).toEqual([422, 'IMPORT_INVALID_ROWS']);
      const details = res.json<{ error: { details: Array<{ row: number; column: string; problem: string; value: string }> } }>().error
        .details;
      expect(details.map((d) => [d.row, d.column, d.problem, d.value])).toEqual([
        [3, '企业名称', 'REQUIRED', ''],
        [4, '统一社会信用代码', 'BAD_FORMAT', 'NOT-A-CODE'],
        [5, '规上企业', 'NOT_YES_NO', '也许'],
        [5, '园区', 'UNKNOWN_PARK', '火星园区'],
        [6, '企业名称', 'DUPLICATE_IN_SHEET', '2'],
      ]);
      expect(await countEnterprises()).toBe(before);
    });

    it('reports a column it does not know as a problem of the header row, and imports nothing', async () => {
      const before = await countEnterprises();
      const file = await sheet(
        [['天台表头错有限公司', '', 'C3670', '是', '13800000000', '备注']],
        ['企业名称', '统一社会信用代码', '行业代码', '规上企业', '联系电话号码', '备注'],
      );
      const res = await admin.request('POST', '/api/enterprises/import', file, { 'content-type': XLSX_MIME });
      expect([res.statusCode, errorCode(res)]).toEqual([422, 'IMPORT_INVALID_ROWS']);
      const details = res.json<{ error: { details: Array<{ row: number; column: string; problem: string }> } }>().error.details;
      expect(details.map((d) => [d.row, d.column, d.problem])).toEqual([
        [0, '联系电话号码', 'UNKNOWN_COLUMN'],
        [0, '备注', 'UNKNOWN_COLUMN'],
      ]);
      expect(await countEnterprises()).toBe(before);
    });

    it('rejects what is not a workbook and a workbook without the name column', async () => {
      const garbage = await admin.request('POST', '/api/enterprises/import', Buffer.from('PK\u0003\u0004 definitely not a zip'), {
        'content-type': XLSX_MIME,
      });
      expect([garbage.statusCode, errorCode(garbage)]).toEqual([400, 'IMPORT_BAD_FILE']);
      const noHeader = await admin.request('POST', '/api/enterprises/import', await sheet([['a', 'b']], ['公司', '代码']), {
        'content-type': XLSX_MIME,
      });
      expect([noHeader.statusCode, errorCode(noHeader)]).toEqual([400, 'IMPORT_BAD_FILE']);
      const json = await admin.post('/api/enterprises/import', { rows: [] });
      expect([json.statusCode, errorCode(json)]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      expect((await admin.get('/api/health')).statusCode).toBe(200);
    });
  });
});
