// Stored files against abuse (issue #13): the per-record count holds under concurrent uploads, a replaced
// inspection photo is gone with its URL, and a file opened on its own runs nothing (sandboxing CSP, PDFs aside).
import { ATTACHMENTS_PER_REQUEST } from '@tiantai/shared';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../test/engines';
import { asset, countyAdmin, enterprise, plant, userOf } from '../test/factories';
import { createTestApp, errorCode, type Client, type TestApp } from '../test/harness';

const png = (fill: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, fill)]);
const pdf = Buffer.from('%PDF-1.4 inspection report');

interface Round {
  id: string;
  results: Array<{ itemId: string; value: string | null; photoId: string | null }>;
}

describe.each(ENGINES)('attachment limits, replaced photos and file headers on %s', (engine) => {
  let t: TestApp;
  let yinlun: Client;
  let tech: Client;
  let assetId: string;

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: false });
    const county = await countyAdmin(t);
    const own = await enterprise(t.app, county, '浙江银轮机械股份有限公司');
    yinlun = own.admin;
    tech = await userOf(t.app, yinlun, own.id, 'enterprise_member', '设备部 技术员');
    assetId = (await asset(yinlun, { plantId: await plant(yinlun, '一号厂房'), name: '压铸机' })).id;
  });
  afterAll(async () => t?.close());

  const upload = (who: Client, url: string, body: Buffer, type = 'image/png', name = 'photo.png') =>
    who.request('POST', url, body, { 'content-type': type, 'x-filename': name });
  const reportOrder = async () => {
    const res = await tech.post('/api/work-orders', { assetId, title: '液压泄漏' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const fileRequest = async () => {
    const res = await yinlun.post('/api/service-requests', {
      categoryCode: 'construction',
      title: '厂区白蚁防治',
      description: '仓库木托盘发现白蚁',
      contactName: '徐丽华',
      contactPhone: '13800000000',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  /** 30 uploads at once: exactly the limit stored, the rest 400 ATTACHMENT_REJECTED, never a 5xx. */
  const expectLimitHeld = (answers: LightMyRequestResponse[]) => {
    const codes = answers.map((res) => res.statusCode);
    expect(codes.filter((code) => code >= 500)).toEqual([]);
    expect(codes.filter((code) => code === 201)).toHaveLength(ATTACHMENTS_PER_REQUEST);
    const refused = answers.filter((res) => res.statusCode !== 201);
    expect(refused).toHaveLength(30 - ATTACHMENTS_PER_REQUEST);
    for (const res of refused) expect([res.statusCode, errorCode(res)]).toEqual([400, 'ATTACHMENT_REJECTED']);
  };

  it(`keeps a work order to ${ATTACHMENTS_PER_REQUEST} files under 30 concurrent uploads`, async () => {
    const id = await reportOrder();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        upload(i % 2 ? tech : yinlun, `/api/work-orders/${id}/attachments`, png(i), 'image/png', `${i}.png`),
      ),
    );
    expectLimitHeld(answers);
    // A refused upload leaves nothing behind: no file, no timeline step, no audit row.
    const stored = await t.db.selectFrom('work_order_attachments').select('filename').where('work_order_id', '=', id).execute();
    expect(stored).toHaveLength(ATTACHMENTS_PER_REQUEST);
    const steps = await t.db
      .selectFrom('work_order_events')
      .select('id')
      .where('work_order_id', '=', id)
      .where('kind', '=', 'attach')
      .execute();
    expect(steps).toHaveLength(ATTACHMENTS_PER_REQUEST);
    const audit = await t.db.selectFrom('audit_log').select('id').where('entity_id', '=', id).where('action', '=', 'attach').execute();
    expect(audit).toHaveLength(ATTACHMENTS_PER_REQUEST);
    expect((await yinlun.get(`/api/work-orders/${id}`)).json<{ attachments: unknown[] }>().attachments).toHaveLength(
      ATTACHMENTS_PER_REQUEST,
    );
    // and the next one, alone, is refused too
    const late = await upload(tech, `/api/work-orders/${id}/attachments`, png(99));
    expect([late.statusCode, errorCode(late)]).toEqual([400, 'ATTACHMENT_REJECTED']);
  });

  it(`keeps a request to ${ATTACHMENTS_PER_REQUEST} files under 30 concurrent uploads`, async () => {
    const id = await fileRequest();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => upload(yinlun, `/api/service-requests/${id}/attachments`, png(i), 'image/png', `${i}.png`)),
    );
    expectLimitHeld(answers);
    const stored = await t.db.selectFrom('request_attachments').select('filename').where('request_id', '=', id).execute();
    expect(stored).toHaveLength(ATTACHMENTS_PER_REQUEST);
    const steps = await t.db.selectFrom('request_events').select('id').where('request_id', '=', id).where('kind', '=', 'attach').execute();
    expect(steps).toHaveLength(ATTACHMENTS_PER_REQUEST);
    expect((await yinlun.get(`/api/service-requests/${id}`)).json<{ attachments: unknown[] }>().attachments).toHaveLength(
      ATTACHMENTS_PER_REQUEST,
    );
  });

  it('deletes a replaced inspection photo: its old URL answers 404, the new one 200', async () => {
    const route = (await yinlun.post('/api/inspection/routes', { name: '模具库巡查' })).json<{ id: string }>();
    const withPoint = await yinlun.post(`/api/inspection/routes/${route.id}/points`, {
      name: '模具架',
      assetId: null,
      items: [{ label: '现场照片', kind: 'photo', required: false }],
    });
    expect(withPoint.statusCode, withPoint.body).toBe(201);
    const point = withPoint.json<{ points: Array<{ id: string; items: Array<{ id: string }> }> }>().points[0]!;
    const itemId = point.items[0]!.id;
    const label = (await yinlun.get(`/api/inspection/points/${point.id}/label`)).body;
    const url = /<title>([^<]+)<\/title>/.exec(label)![1]!;
    const round = (await tech.post('/api/inspection/rounds', { routeId: route.id })).json<Round>();
    const checkIn = await tech.post(`/api/inspection/rounds/${round.id}/check-in`, { qrToken: url.slice(url.lastIndexOf('/') + 1) });
    expect(checkIn.statusCode, checkIn.body).toBe(200);
    const takePhoto = async (content: Buffer) => {
      const res = await upload(tech, `/api/inspection/rounds/${round.id}/items/${itemId}/photo`, content);
      expect(res.statusCode, res.body).toBe(201);
      return res.json<Round>().results.find((r) => r.itemId === itemId)!.photoId!;
    };
    const photoUrl = (photoId: string) => `/api/inspection/rounds/${round.id}/photos/${photoId}`;
    const storedPhotos = async () =>
      (await t.db.selectFrom('inspection_photos').select('id').where('round_id', '=', round.id).execute()).map((p) => p.id);

    const first = await takePhoto(png(1));
    expect((await yinlun.get(photoUrl(first))).statusCode).toBe(200);
    const second = await takePhoto(png(2));
    expect(second).not.toBe(first);
    expect((await yinlun.get(photoUrl(first))).statusCode).toBe(404);
    const served = await yinlun.get(photoUrl(second));
    expect(served.statusCode).toBe(200);
    expect(Buffer.compare(served.rawPayload, png(2))).toBe(0);
    expect(await storedPhotos()).toEqual([second]);

    // Photos sent at once: one of them is shown, and it is the only one kept.
    const many = await Promise.all(
      Array.from({ length: 8 }, (_, i) => upload(tech, `/api/inspection/rounds/${round.id}/items/${itemId}/photo`, png(10 + i))),
    );
    expect(many.map((res) => res.statusCode)).toEqual(Array(8).fill(201));
    const shown = (await tech.get(`/api/inspection/rounds/${round.id}`)).json<Round>().results.find((r) => r.itemId === itemId)!.photoId!;
    expect(await storedPhotos()).toEqual([shown]);
    expect((await yinlun.get(photoUrl(second))).statusCode).toBe(404);
    expect((await yinlun.get(photoUrl(shown))).statusCode).toBe(200);

    // Recorded without a picture (the item is optional): the photo it showed goes too.
    const cleared = await tech.post(`/api/inspection/rounds/${round.id}/results`, { pointId: point.id, itemId, value: '' });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json<Round>().results.find((r) => r.itemId === itemId)!.photoId).toBeNull();
    expect((await yinlun.get(photoUrl(shown))).statusCode).toBe(404);
    expect(await storedPhotos()).toEqual([]);
  });

  it('serves images and other files sandboxed, and PDFs with a strict policy Chromium’s viewer still renders', async () => {
    const orderId = await reportOrder();
    const requestId = await fileRequest();
    const orderFile = async (body: Buffer, type: string, name: string) => {
      const res = await upload(tech, `/api/work-orders/${orderId}/attachments`, body, type, name);
      expect(res.statusCode, res.body).toBe(201);
      return `/api/work-orders/${orderId}/attachments/${res.json<{ attachments: Array<{ id: string; filename: string }> }>().attachments.find((a) => a.filename === name)!.id}`;
    };
    const requestFile = async (body: Buffer, type: string, name: string) => {
      const res = await upload(yinlun, `/api/service-requests/${requestId}/attachments`, body, type, name);
      expect(res.statusCode, res.body).toBe(201);
      return `/api/service-requests/${requestId}/attachments/${res.json<{ attachments: Array<{ id: string; filename: string }> }>().attachments.find((a) => a.filename === name)!.id}`;
    };
    const directives = (res: LightMyRequestResponse) => {
      const header = res.headers['content-security-policy'];
      expect(typeof header, 'one Content-Security-Policy header').toBe('string');
      return (header as string).split(';').map((d) => d.trim());
    };

    for (const url of [await orderFile(png(1), 'image/png', 'leak.png'), await requestFile(png(2), 'image/png', 'termite.png')]) {
      const res = await yinlun.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toBe('image/png');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      const csp = directives(res);
      expect(csp, url).toEqual(expect.arrayContaining(['sandbox', "default-src 'none'", "img-src 'self'"]));
      // the web app's own policy (scripts from this origin) is replaced, not added to
      expect(
        csp.some((d) => d.startsWith('script-src')),
        url,
      ).toBe(false);
    }
    for (const url of [await orderFile(pdf, 'application/pdf', 'report.pdf'), await requestFile(pdf, 'application/pdf', 'permit.pdf')]) {
      const res = await yinlun.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toBe('application/pdf');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      const csp = directives(res);
      expect(csp, url).not.toContain('sandbox');
      expect(csp, url).toEqual(expect.arrayContaining(["default-src 'none'", "object-src 'none'", "frame-ancestors 'self'"]));
    }

    // An inspection photo, through the same sender.
    const route = (await yinlun.post('/api/inspection/routes', { name: '仓库巡查' })).json<{ id: string }>();
    const point = (
      await yinlun.post(`/api/inspection/routes/${route.id}/points`, {
        name: '货架',
        assetId: null,
        items: [{ label: '照片', kind: 'photo' }],
      })
    ).json<{ points: Array<{ id: string; items: Array<{ id: string }> }> }>().points[0]!;
    const label = /<title>([^<]+)<\/title>/.exec((await yinlun.get(`/api/inspection/points/${point.id}/label`)).body)![1]!;
    const round = (await tech.post('/api/inspection/rounds', { routeId: route.id })).json<Round>();
    await tech.post(`/api/inspection/rounds/${round.id}/check-in`, { qrToken: label.slice(label.lastIndexOf('/') + 1) });
    const taken = await upload(tech, `/api/inspection/rounds/${round.id}/items/${point.items[0]!.id}/photo`, png(3));
    expect(taken.statusCode, taken.body).toBe(201);
    const photoId = taken.json<Round>().results.find((r) => r.itemId === point.items[0]!.id)!.photoId!;
    const photo = await yinlun.get(`/api/inspection/rounds/${round.id}/photos/${photoId}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['x-content-type-options']).toBe('nosniff');
    expect(directives(photo)).toEqual(expect.arrayContaining(['sandbox', "default-src 'none'"]));

    // Other answers keep the web app's policy.
    expect(directives(await yinlun.get(`/api/work-orders/${orderId}`))).toContain("script-src 'self'");
  });
});
