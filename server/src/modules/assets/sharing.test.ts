import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { asset, countyAdmin, department, enterprise, plant, userOf } from '../../../test/factories';
import { createTestApp, type Client, type TestApp } from '../../../test/harness';

interface Counts {
  total: number;
  byKind: Record<string, number>;
  byState: Record<string, number>;
  moldsNearEndOfLife: number;
}
interface Summary extends Counts {
  enterprises: number;
  sharedEnterprises: Array<Counts & { enterpriseId: string; enterpriseName: string }>;
}

describe.each(ENGINES)('asset summaries shared with the county on %s', (engine) => {
  let t: TestApp;
  let yinlun: Client;
  let tech: Client;
  let shanhe: Client;
  let admin: Client;
  let zhujian: Client;

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: false });
    admin = await countyAdmin(t);
    const own = await enterprise(t.app, admin, '浙江银轮机械股份有限公司');
    yinlun = own.admin;
    tech = await userOf(t.app, yinlun, own.id, 'enterprise_member');
    const other = await enterprise(t.app, admin, '浙江山河机械有限公司');
    shanhe = other.admin;
    zhujian = (await department(t.app, admin, '县住建局')).handler;
    // Something to count on both sides: a press and a mold of 银轮's, a press of 山河's.
    const plantId = await plant(yinlun);
    await asset(yinlun, { plantId });
    await asset(yinlun, { plantId, kind: 'mold', name: '前盖模具', state: 'idle' });
    await asset(shanhe, { plantId: await plant(shanhe) });
  });
  afterAll(async () => t?.close());

  it('shows the county only the enterprises that opted in, with the figures of their own summary', async () => {
    const before = (await admin.get('/api/assets/summary')).json<Summary>();
    expect(before.sharedEnterprises).toEqual([]);
    expect((await yinlun.get('/api/assets/sharing')).json()).toEqual({ shared: false, updatedAt: null, updatedBy: null });

    const put = await yinlun.request('PUT', '/api/assets/sharing', { shared: true });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ shared: true, updatedBy: yinlun.username });
    const audit = await t.db.selectFrom('audit_log').select('entity').where('entity', '=', 'asset_sharing').execute();
    expect(audit).toHaveLength(1);

    const { enterprises: _e, sharedEnterprises: ownShared, ...own } = (await yinlun.get('/api/assets/summary')).json<Summary>();
    expect(ownShared).toEqual([]); // an enterprise sees no one else's
    const county = (await admin.get('/api/assets/summary')).json<Summary>();
    expect(county.sharedEnterprises).toHaveLength(1);
    const { enterpriseId, enterpriseName, ...figures } = county.sharedEnterprises[0]!;
    expect(enterpriseId).toBe(yinlun.organisationId);
    expect(enterpriseName).toContain('银轮');
    expect(figures).toEqual(own);
    expect(own).toMatchObject({ total: 2, byKind: { equipment: 1, mold: 1 } });
    expect(county.total).toBe(before.total);

    // turning it off takes the row away
    expect((await yinlun.request('PUT', '/api/assets/sharing', { shared: false })).statusCode).toBe(200);
    expect((await admin.get('/api/assets/summary')).json<Summary>().sharedEnterprises).toEqual([]);
  });

  it('keeps the choice with the enterprise admin; county staff and departments neither read nor set it', async () => {
    expect((await tech.request('PUT', '/api/assets/sharing', { shared: true })).statusCode).toBe(403);
    expect((await tech.get('/api/assets/sharing')).json()).toMatchObject({ shared: false });
    for (const client of [admin, zhujian]) {
      expect((await client.get('/api/assets/sharing')).statusCode).toBe(403);
      expect((await client.request('PUT', '/api/assets/sharing', { shared: true })).statusCode).toBe(403);
    }
    expect((await shanhe.get('/api/assets/sharing')).json()).toMatchObject({ shared: false });
    expect((await admin.get('/api/assets/summary')).json<Summary>().sharedEnterprises).toEqual([]);
  });
});
