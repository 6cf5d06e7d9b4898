// Who may change an enterprise's identity in the county register, and organisation names that look alike.
// An enterprise admin edits its address and contacts; the name, credit code, above-scale flag, industry, park
// and township (what the office's queue, statistics and screens read) are the county's. No two organisations
// (county, departments, enterprises) share a name once compared ignoring case, spaces and full-width forms.
import { normaliseOrganisationName } from '@tiantai/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { countyAdmin, department, enterprise } from '../../../test/factories';
import { createTestApp, errorCode, type Client, type TestApp } from '../../../test/harness';
import { XLSX_MIME } from './registry.routes';

const VALID_CODE = '91350100M000100Y43'; // a published valid example of GB 32100-2015

let serial = 0;
/** Latin letters in the name, so the full-width and case variants below have something to change. */
const uniqueName = (prefix: string) => `${prefix}${process.pid.toString(36).toUpperCase()}X${(++serial).toString(36).toUpperCase()}`;

/** Full-width forms of ASCII letters and digits (Ａ…Ｚ, ０…９), as a Chinese input method types them. */
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Variants of `name` that read as the same name: trailing space, inner space, full width, lower case, zero-width space. */
const variantsOf = (name: string) => [
  name,
  `${name} `,
  `${name.slice(0, 1)} ${name.slice(1)}`,
  fullWidth(name),
  name.toLowerCase(),
  fullWidth(name.toLowerCase()),
  `${name.slice(0, 2)}\u200b${name.slice(2)}`,
  `${name.slice(0, 1)}\u3000${name.slice(1)}`,
];

async function sheet(rows: Array<Array<string | number>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('企业');
  ws.addRow(['企业名称', '统一社会信用代码', '行业代码', '规上企业', '园区', '乡镇']);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe.each(ENGINES)('register identity on %s', (engine) => {
  let t: TestApp;
  let county: Client;
  let parkId: string;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: false });
    county = await countyAdmin(t);
    const park = await county.post('/api/parks', {
      name: uniqueName('测试园区'),
      kind: 'park',
      towns: ['坦头镇'],
      areaKm2: 1,
      plannedInvestmentWan: 1,
    });
    expect(park.statusCode).toBe(201);
    parkId = park.json<{ id: string }>().id;
  });
  afterAll(async () => t?.close());

  const registerRow = async (id: string) => (await county.get(`/api/enterprises/${id}`)).json<Record<string, unknown>>();

  describe('an enterprise admin', () => {
    // The name is a county department's: what would make its requests look like the department's in the queue.
    it.each(['name', 'creditCode', 'aboveScale', 'industryCode', 'parkId', 'township'] as const)(
      'is refused 403 FORBIDDEN for %s and the register is unchanged',
      async (field) => {
        const deptName = uniqueName('县住建局');
        await department(t.app, county, deptName);
        const firm = await enterprise(t.app, county);
        const before = await registerRow(firm.id);
        const sent = { name: deptName, creditCode: VALID_CODE, aboveScale: false, industryCode: 'C3670', parkId, township: '坦头镇' }[
          field
        ];

        const res = await firm.admin.patch(`/api/enterprises/${firm.id}`, { [field]: sent });
        expect([res.statusCode, errorCode(res)]).toEqual([403, 'FORBIDDEN']);
        expect(res.json().error.details).toEqual({ fields: [field] });
        expect(res.json().error.message).toContain(field);

        expect(await registerRow(firm.id)).toEqual(before);
        const orgs = (await county.get('/api/organisations?kind=enterprise')).json<Array<{ id: string; name: string }>>();
        expect(orgs.find((o) => o.id === firm.id)?.name).toBe(before.name);
        const audit = (await county.get(`/api/audit?entity=enterprise&entityId=${firm.id}`)).json<{ items: Array<{ action: string }> }>();
        expect(audit.items.map((a) => a.action)).toEqual(['create']);
      },
    );

    it('is refused the whole PATCH when contacts come with an identity field, naming every refused field', async () => {
      const firm = await enterprise(t.app, county);
      const before = await registerRow(firm.id);
      const res = await firm.admin.patch(`/api/enterprises/${firm.id}`, { contactName: '王强', aboveScale: false, parkId: null });
      expect([res.statusCode, errorCode(res)]).toEqual([403, 'FORBIDDEN']);
      expect(res.json().error.details).toEqual({ fields: ['aboveScale', 'parkId'] });
      expect(await registerRow(firm.id)).toEqual(before);
    });

    it('edits its address and contacts, audited', async () => {
      const firm = await enterprise(t.app, county);
      const contacts = {
        address: '天台县坦头镇工业园 8 号',
        contactName: '徐丽华',
        contactPhone: '0576-83000001',
        contactEmail: 'xu@example.cn',
      };
      const res = await firm.admin.patch(`/api/enterprises/${firm.id}`, contacts);
      expect(res.statusCode).toBe(200);
      expect(res.json().enterprise).toMatchObject({ ...contacts, aboveScale: true });
      expect(await registerRow(firm.id)).toMatchObject(contacts);

      const audit = (await county.get(`/api/audit?entity=enterprise&entityId=${firm.id}`)).json<{
        items: Array<{ action: string; actorUserId: string; before: { contactName: string | null }; after: { contactName: string } }>;
      }>();
      const update = audit.items.find((a) => a.action === 'update');
      expect(update).toMatchObject({ actorUserId: firm.admin.userId, before: { contactName: null }, after: { contactName: '徐丽华' } });
    });
  });

  describe('the county admin', () => {
    it('changes every identity and statistical field', async () => {
      const firm = await enterprise(t.app, county);
      const name = uniqueName('天台新名称机械有限公司');
      const res = await county.patch(`/api/enterprises/${firm.id}`, {
        name,
        creditCode: VALID_CODE,
        aboveScale: false,
        industryCode: 'C3670',
        parkId,
        township: '坦头镇',
      });
      expect(res.statusCode).toBe(200);
      expect(await registerRow(firm.id)).toMatchObject({
        name,
        creditCode: VALID_CODE,
        aboveScale: false,
        industryCode: 'C3670',
        parkId,
        township: '坦头镇',
      });
      const session = (await firm.admin.get('/api/auth/session')).json<{ user: { organisationName: string } }>();
      expect(session.user.organisationName).toBe(name);
    });
  });

  describe('names that read the same', () => {
    it('refuses a new enterprise named as a department, in any variant, with 409 DUPLICATE', async () => {
      const deptName = uniqueName('县住建局');
      await department(t.app, county, deptName);
      for (const variant of variantsOf(deptName)) {
        const res = await county.post('/api/enterprises', { name: variant });
        expect([variant, res.statusCode, errorCode(res)]).toEqual([variant, 409, 'DUPLICATE']);
        expect(res.json().error.details).toMatchObject({ field: 'name', holderKind: 'department' });
      }
      const orgs = (await county.get('/api/organisations')).json<Array<{ kind: string; name: string }>>();
      const sameName = orgs.filter((o) => normaliseOrganisationName(o.name) === normaliseOrganisationName(deptName));
      expect(sameName).toEqual([expect.objectContaining({ kind: 'department', name: deptName })]);
    });

    it('refuses renaming an enterprise to a department or to another enterprise, in any variant', async () => {
      const deptName = uniqueName('县经信局');
      await department(t.app, county, deptName);
      const other = uniqueName('天台另一家有限公司');
      await enterprise(t.app, county, other);
      const firm = await enterprise(t.app, county);
      const before = await registerRow(firm.id);
      for (const variant of [...variantsOf(deptName), ...variantsOf(other)]) {
        const res = await county.patch(`/api/enterprises/${firm.id}`, { name: variant });
        expect([variant, res.statusCode, errorCode(res)]).toEqual([variant, 409, 'DUPLICATE']);
      }
      expect(await registerRow(firm.id)).toEqual(before);

      // Its own name in another form is not a clash.
      const own = String(before.name);
      const respelled = await county.patch(`/api/enterprises/${firm.id}`, { name: fullWidth(own) });
      expect(respelled.statusCode).toBe(200);
    });

    it('refuses a department named as an enterprise, another department or the county, and a rename to one', async () => {
      const firmName = uniqueName('天台精工有限公司');
      await enterprise(t.app, county, firmName);
      const deptName = uniqueName('县数据局');
      await department(t.app, county, deptName);
      const countyName = (await county.get('/api/organisations?kind=county')).json<Array<{ name: string }>>()[0]!.name;
      for (const variant of [...variantsOf(firmName), ...variantsOf(deptName), ...variantsOf(countyName)]) {
        const res = await county.post('/api/departments', { name: variant, kind: 'bureau', acceptsRequests: true });
        expect([variant, res.statusCode, errorCode(res)]).toEqual([variant, 409, 'DUPLICATE']);
      }
      const { id } = await department(t.app, county);
      for (const variant of [fullWidth(firmName), `${deptName} `, countyName.toLowerCase()]) {
        const res = await county.patch(`/api/departments/${id}`, { name: variant });
        expect([variant, res.statusCode, errorCode(res)]).toEqual([variant, 409, 'DUPLICATE']);
      }
      const enterpriseForCounty = await county.post('/api/enterprises', { name: ` ${countyName}` });
      expect([enterpriseForCounty.statusCode, errorCode(enterpriseForCounty)]).toEqual([409, 'DUPLICATE']);
    });

    it('applies to the Excel import: a row named as a department is reported and nothing is imported', async () => {
      const deptName = uniqueName('县市场监管局');
      await department(t.app, county, deptName);
      const fresh = uniqueName('天台导入新企业有限公司');
      const total = async () => (await county.get('/api/enterprises?pageSize=1')).json<{ total: number }>().total;
      const before = await total();

      const res = await county.request(
        'POST',
        '/api/enterprises/import',
        await sheet([
          [fresh, '', '', '是', '', ''],
          [fullWidth(deptName), '', '', '否', '', ''],
        ]),
        {
          'content-type': XLSX_MIME,
        },
      );
      expect([res.statusCode, errorCode(res)]).toEqual([422, 'IMPORT_INVALID_ROWS']);
      expect(res.json().error.details).toEqual([
        expect.objectContaining({ row: 3, column: '企业名称', problem: 'INVALID', value: fullWidth(deptName) }),
      ]);
      expect(await total()).toBe(before);

      // Two rows that read the same are one enterprise named twice.
      const twice = await county.request(
        'POST',
        '/api/enterprises/import',
        await sheet([
          [fresh, '', '', '是', '', ''],
          [fresh.toLowerCase(), '', '', '否', '', ''],
        ]),
        {
          'content-type': XLSX_MIME,
        },
      );
      expect(twice.json().error.details).toEqual([expect.objectContaining({ row: 3, problem: 'DUPLICATE_IN_SHEET', value: '2' })]);
      expect(await total()).toBe(before);
    });

    it('matches an imported row to the enterprise whose name it respells instead of adding a look-alike', async () => {
      const name = uniqueName('台州山河包装箱有限公司(新厂)');
      const firm = await enterprise(t.app, county, name);
      const respelled = fullWidth(name);
      const res = await county.request('POST', '/api/enterprises/import', await sheet([[respelled, '', 'C2231', '否', '', '']]), {
        'content-type': XLSX_MIME,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ created: 0, updated: 1 });
      expect(await registerRow(firm.id)).toMatchObject({ name: respelled, industryCode: 'C2231', aboveScale: false });
    });
  });
});
