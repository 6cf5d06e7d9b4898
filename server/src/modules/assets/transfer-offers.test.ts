// A transfer into another enterprise is an offer that enterprise's admin accepts or declines (security issue
// #13): nothing lands in an inventory without its consent, the sender may withdraw, only the two enterprises
// see the offer, and an offer accepted after the asset changed is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { asset, countyAdmin, enterprise, plant, userOf } from '../../../test/factories';
import { createTestApp, errorCode, type Client, type TestApp } from '../../../test/harness';

interface Offer {
  id: string;
  assetId: string;
  assetCode: string;
  assetName: string;
  assetKind: string;
  fromEnterpriseId: string;
  fromEnterpriseName: string;
  toEnterpriseId: string;
  toEnterpriseName: string;
  role: string;
  reason: string | null;
  status: string;
  direction: string;
  createdBy: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
}

describe.each(ENGINES)('asset transfer offers on %s', (engine) => {
  let t: TestApp;
  let county: Client;
  let yinlun: Client;
  let tech: Client;
  let shanhe: Client;
  let shanheTech: Client;
  let other: Client;
  let yinlunPlant: string;

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: false });
    county = await countyAdmin(t);
    const own = await enterprise(t.app, county, '浙江银轮机械股份有限公司');
    yinlun = own.admin;
    tech = await userOf(t.app, yinlun, own.id, 'enterprise_member', '银轮 维修技师');
    const receiver = await enterprise(t.app, county, '天台山河包装箱有限公司');
    shanhe = receiver.admin;
    shanheTech = await userOf(t.app, county, receiver.id, 'enterprise_member', '山河 技术员');
    other = (await enterprise(t.app, county, '天台县三友汽车部件有限公司')).admin;
    yinlunPlant = await plant(yinlun, '一号厂房');
  });
  afterAll(async () => t?.close());

  const mold = (name = '前盖模具') => asset(yinlun, { plantId: yinlunPlant, kind: 'mold', name });
  const offer = async (assetId: string, role: 'owner' | 'custodian' = 'owner', to = shanhe.organisationId) => {
    const res = await yinlun.post(`/api/assets/${assetId}/transfer`, { enterpriseId: to, role, reason: '模具随订单转让' });
    expect(res.statusCode, res.body).toBe(202);
    return res.json<Offer>();
  };
  const inventory = async (who: Client) =>
    (await who.get('/api/assets?pageSize=200')).json<{ items: Array<{ id: string }> }>().items.map((a) => a.id);
  const offers = async (who: Client, query = '') => (await who.get(`/api/asset-transfers${query}`)).json<Offer[]>();
  const auditOf = async (entityId: string) =>
    (
      await t.db
        .selectFrom('audit_log')
        .select(['action', 'entity', 'organisation_id', 'actor_username'])
        .where('entity_id', '=', entityId)
        .execute()
    )
      .map(
        (r) =>
          `${r.entity}:${r.action}@${r.organisation_id === yinlun.organisationId ? 'yinlun' : r.organisation_id === shanhe.organisationId ? 'shanhe' : r.organisation_id}:${r.actor_username === yinlun.username ? 'yinlun' : r.actor_username === shanhe.username ? 'shanhe' : r.actor_username}`,
      )
      .sort();

  it('offers the asset: the receiver sees the offer but not yet the asset; accepting moves it', async () => {
    const m = await mold();
    const sent = await offer(m.id);
    expect(sent).toMatchObject({
      assetId: m.id,
      assetCode: m.code,
      assetName: '前盖模具',
      assetKind: 'mold',
      fromEnterpriseId: yinlun.organisationId,
      fromEnterpriseName: '浙江银轮机械股份有限公司',
      toEnterpriseId: shanhe.organisationId,
      toEnterpriseName: '天台山河包装箱有限公司',
      role: 'owner',
      reason: '模具随订单转让',
      status: 'pending',
      direction: 'outgoing',
      createdBy: yinlun.username,
      decidedBy: null,
    });
    expect(await inventory(shanhe)).not.toContain(m.id);
    expect((await shanhe.get(`/api/assets/${m.id}`)).statusCode).toBe(404);
    expect((await yinlun.get(`/api/assets/${m.id}`)).json()).toMatchObject({ enterpriseId: yinlun.organisationId, holder: true });

    const incoming = await offers(shanhe, '?direction=incoming&status=pending');
    expect(incoming.map((o) => [o.id, o.direction])).toEqual([[sent.id, 'incoming']]);
    expect((await offers(shanhe, '?direction=outgoing')).map((o) => o.id)).not.toContain(sent.id);
    expect((await offers(yinlun, '?direction=outgoing')).map((o) => o.id)).toContain(sent.id);
    expect((await offers(yinlun, `?assetId=${m.id}&status=pending`)).map((o) => o.id)).toEqual([sent.id]);
    // the bell of the receiving admin
    const bell = (await shanhe.get('/api/notifications')).json<{ items: Array<{ kind: string; text: string; link: string }> }>();
    expect(bell.items[0]).toMatchObject({ kind: 'asset_transfer_offer', link: '/assets', text: expect.stringContaining(m.code) });

    // a technician of the receiver reads offers but does not answer them
    expect((await offers(shanheTech)).map((o) => o.id)).toContain(sent.id);
    expect((await shanheTech.post(`/api/asset-transfers/${sent.id}/accept`)).statusCode).toBe(403);
    // the sender cannot accept its own offer
    expect((await yinlun.post(`/api/asset-transfers/${sent.id}/accept`)).statusCode).toBe(403);

    const accepted = await shanhe.post(`/api/asset-transfers/${sent.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json<Offer>()).toMatchObject({ status: 'accepted', direction: 'incoming', decidedBy: shanhe.username });
    expect(await inventory(shanhe)).toContain(m.id);
    expect(await inventory(yinlun)).not.toContain(m.id);
    const theirs = (await shanhe.get(`/api/assets/${m.id}`)).json<{
      enterpriseId: string;
      plantId: string | null;
      events: Array<{ kind: string }>;
    }>();
    expect(theirs).toMatchObject({ enterpriseId: shanhe.organisationId, plantId: null });
    expect(theirs.events.map((e) => e.kind)).toEqual(['transferred', 'created']);
    // the sender still sees its answered offer
    expect((await offers(yinlun, '?direction=outgoing&status=accepted')).map((o) => o.id)).toContain(sent.id);

    // answered once: no second answer
    for (const action of ['accept', 'decline'])
      expect(errorCode(await shanhe.post(`/api/asset-transfers/${sent.id}/${action}`, {}))).toBe('INVALID_TRANSITION');
    expect(await auditOf(sent.id)).toEqual(['asset_transfer_offer:accept@shanhe:shanhe', 'asset_transfer_offer:offer@yinlun:yinlun']);
    expect((await auditOf(m.id)).filter((r) => r.includes('transfer_'))).toEqual([
      'asset:transfer_in@shanhe:shanhe',
      'asset:transfer_out@yinlun:shanhe',
    ]);
  });

  it('leaves the asset where it is when the receiver declines or the sender withdraws', async () => {
    const m = await mold('后盖模具');
    const first = await offer(m.id);
    const declined = await shanhe.post(`/api/asset-transfers/${first.id}/decline`, { note: '暂无此模具订单' });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json<Offer>()).toMatchObject({ status: 'declined', decisionNote: '暂无此模具订单', decidedBy: shanhe.username });
    expect(await inventory(shanhe)).not.toContain(m.id);
    expect((await yinlun.get(`/api/assets/${m.id}`)).json()).toMatchObject({ enterpriseId: yinlun.organisationId });

    const second = await offer(m.id, 'custodian');
    // the receiver does not withdraw, the sender does not decline
    expect((await shanhe.post(`/api/asset-transfers/${second.id}/cancel`)).statusCode).toBe(403);
    expect((await yinlun.post(`/api/asset-transfers/${second.id}/decline`, {})).statusCode).toBe(403);
    expect((await tech.post(`/api/asset-transfers/${second.id}/cancel`)).statusCode).toBe(403);
    const cancelled = await yinlun.post(`/api/asset-transfers/${second.id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json<Offer>()).toMatchObject({ status: 'cancelled', decidedBy: yinlun.username });
    expect(errorCode(await shanhe.post(`/api/asset-transfers/${second.id}/accept`))).toBe('INVALID_TRANSITION');
    expect(await inventory(shanhe)).not.toContain(m.id);
    expect((await yinlun.get(`/api/assets/${m.id}`)).json()).toMatchObject({
      enterpriseId: yinlun.organisationId,
      custodianEnterpriseId: null,
    });
    expect(await auditOf(first.id)).toEqual(['asset_transfer_offer:decline@shanhe:shanhe', 'asset_transfer_offer:offer@yinlun:yinlun']);
    expect(await auditOf(second.id)).toEqual(['asset_transfer_offer:cancel@yinlun:yinlun', 'asset_transfer_offer:offer@yinlun:yinlun']);
    expect((await auditOf(m.id)).filter((r) => r.includes('transfer_'))).toEqual([]);
  });

  it('keeps one pending offer per asset', async () => {
    const m = await mold('端盖模具');
    const first = await offer(m.id);
    const again = await yinlun.post(`/api/assets/${m.id}/transfer`, { enterpriseId: other.organisationId, role: 'owner' });
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('CONFLICT');
    expect((await yinlun.post(`/api/asset-transfers/${first.id}/cancel`)).statusCode).toBe(200);
    expect((await yinlun.post(`/api/assets/${m.id}/transfer`, { enterpriseId: other.organisationId, role: 'owner' })).statusCode).toBe(202);
  });

  it('shows an offer only to its two enterprises: others get 404, county staff 403', async () => {
    const m = await mold('水室模具');
    const sent = await offer(m.id);
    expect((await offers(other)).map((o) => o.id)).not.toContain(sent.id);
    for (const action of ['accept', 'decline', 'cancel'])
      expect((await other.post(`/api/asset-transfers/${sent.id}/${action}`, {})).statusCode, action).toBe(404);
    expect((await other.post('/api/asset-transfers/no-such-offer/accept')).statusCode).toBe(404);
    expect((await county.get('/api/asset-transfers')).statusCode).toBe(403);
    expect((await county.post(`/api/asset-transfers/${sent.id}/accept`)).statusCode).toBe(403);
    expect((await offers(shanhe)).find((o) => o.id === sent.id)?.status).toBe('pending');
  });

  it('refuses an acceptance when the asset changed since the offer: mounted, or no longer the sender’s', async () => {
    const press = await asset(yinlun, { plantId: yinlunPlant, name: '压铸机', press: true });
    const m = await mold('支架模具');
    const sent = await offer(m.id);
    expect((await yinlun.post(`/api/assets/${m.id}/mount`, { pressId: press.id })).statusCode).toBe(200);
    const mounted = await shanhe.post(`/api/asset-transfers/${sent.id}/accept`);
    expect(mounted.statusCode).toBe(409);
    expect(errorCode(mounted)).toBe('CONFLICT');
    expect((await offers(shanhe, '?status=pending')).map((o) => o.id)).toContain(sent.id);
    expect((await yinlun.post(`/api/assets/${m.id}/unmount`)).statusCode).toBe(200);

    // Ownership changed hands outside this offer (an earlier sale recorded directly): the sender owns it no more.
    await t.db.updateTable('assets').set({ enterprise_id: other.organisationId }).where('id', '=', m.id).execute();
    const sold = await shanhe.post(`/api/asset-transfers/${sent.id}/accept`);
    expect(sold.statusCode).toBe(409);
    expect(errorCode(sold)).toBe('CONFLICT');
    expect(await inventory(shanhe)).not.toContain(m.id);
  });

  it('refuses an acceptance when the receiver has an asset with the same code meanwhile', async () => {
    const m = await mold('顶杆模具');
    const sent = await offer(m.id);
    await asset(shanhe, { plantId: await plant(shanhe), kind: 'mold', code: m.code, name: '同号模具' });
    const res = await shanhe.post(`/api/asset-transfers/${sent.id}/accept`);
    expect(res.statusCode).toBe(409);
    expect(errorCode(res)).toBe('DUPLICATE');
  });
});
