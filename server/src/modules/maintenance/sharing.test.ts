import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { asset, countyAdmin, enterprise, plant, userOf } from '../../../test/factories';
import { createTestApp, type Client, type TestApp } from '../../../test/harness';

interface Row {
  key: string;
  label: string;
  enterpriseName?: string;
  [figure: string]: unknown;
}

const figures = ({ key: _key, label: _label, enterpriseName: _name, ...rest }: Row) => rest;

describe.each(ENGINES)('maintenance figures shared with the county on %s', (engine) => {
  let t: TestApp;
  let yinlun: Client;
  let tech: Client;
  let shanhe: Client;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: false });
    admin = await countyAdmin(t);
    const own = await enterprise(t.app, admin, '浙江银轮机械股份有限公司');
    yinlun = own.admin;
    tech = await userOf(t.app, yinlun, own.id, 'enterprise_member');
    shanhe = (await enterprise(t.app, admin, '浙江山河机械有限公司')).admin;
    // A press with one repair reported: figures on the enterprise's own page to compare.
    const press = await asset(yinlun, { plantId: await plant(yinlun) });
    const repair = await tech.post('/api/work-orders', { assetId: press.id, kind: 'repair', title: '液压站漏油' });
    expect(repair.statusCode, repair.body).toBe(201);
  });
  afterAll(async () => t?.close());

  it('shows the county only the enterprises that opted in, with the figures of their own page', async () => {
    const before = await admin.get('/api/maintenance/kpis/county');
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json<{ sharedEnterprises: Row[] }>().sharedEnterprises).toEqual([]);
    expect((await yinlun.get('/api/maintenance/sharing')).json()).toMatchObject({ shared: false });

    const put = await yinlun.request('PUT', '/api/maintenance/sharing', { shared: true });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ shared: true, updatedBy: yinlun.username });
    expect((await yinlun.get('/api/maintenance/sharing')).json()).toMatchObject({ shared: true });
    const audit = (await yinlun.get('/api/audit?pageSize=200')).json<{ items: Array<{ entity: string; after: unknown }> }>().items;
    expect(audit.some((a) => a.entity === 'maintenance_sharing')).toBe(true);

    const own = (await yinlun.get('/api/maintenance/kpis')).json<{ total: Row }>().total;
    const county = (await admin.get('/api/maintenance/kpis/county')).json<{ total: Row; sharedEnterprises: Row[] }>();
    expect(county.sharedEnterprises).toHaveLength(1);
    const [row] = county.sharedEnterprises;
    expect(row!.enterpriseName).toContain('银轮');
    expect(figures(row!)).toEqual(figures(own));
    expect(own.assets).toBe(1);
    expect(county.total.assets).toBeGreaterThanOrEqual(own.assets as number);

    // Turning it off again takes the row away.
    expect((await yinlun.request('PUT', '/api/maintenance/sharing', { shared: false })).statusCode).toBe(200);
    expect((await admin.get('/api/maintenance/kpis/county')).json<{ sharedEnterprises: Row[] }>().sharedEnterprises).toEqual([]);
    expect((await yinlun.request('PUT', '/api/maintenance/sharing', { shared: true })).statusCode).toBe(200);
  });

  it('keeps the choice with the enterprise admin (403 for a technician and for the county)', async () => {
    expect((await tech.request('PUT', '/api/maintenance/sharing', { shared: false })).statusCode).toBe(403);
    expect((await admin.request('PUT', '/api/maintenance/sharing', { shared: true })).statusCode).toBe(403);
    expect((await admin.get('/api/maintenance/sharing')).statusCode).toBe(403);
    expect((await tech.get('/api/maintenance/sharing')).json()).toMatchObject({ shared: true });
  });

  it('shows another enterprise its own setting only', async () => {
    expect((await shanhe.get('/api/maintenance/sharing')).json()).toEqual({ shared: false, updatedAt: null, updatedBy: null });
  });
});
