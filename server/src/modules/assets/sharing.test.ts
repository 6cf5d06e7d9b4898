import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { createTestApp, login, type Client, type TestApp } from '../../../test/harness';

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
    t = await createTestApp(engine);
    yinlun = await login(t.app, 'yinlun');
    tech = await login(t.app, 'yinlun.tech');
    shanhe = await login(t.app, 'shanhe');
    admin = await login(t.app, 'admin');
    zhujian = await login(t.app, 'zhujian');
  });
  afterAll(async () => t?.close());

  it('shows the county only the enterprises that opted in, with the figures of their own summary', async () => {
    const before = (await admin.get('/api/assets/summary')).json<Summary>();
    expect(before.sharedEnterprises).toEqual([]);
    expect((await yinlun.get('/api/assets/sharing')).json()).toEqual({ shared: false, updatedAt: null, updatedBy: null });

    const put = await yinlun.request('PUT', '/api/assets/sharing', { shared: true });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ shared: true, updatedBy: 'yinlun' });
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
