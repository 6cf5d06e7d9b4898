// Every state change writes an audit row in the same transaction as the change (security issue #13): the
// shop-floor half of the suite, in the demo county's 银轮 (assets and places, maintenance, inspection,
// telemetry). Each write endpoint is driven once with a successful call, and the rows it left in audit_log are
// compared with the ones it should leave. The lists and the driver are in audit-coverage.support.ts; the
// check that the lists cover the whole OpenAPI document is in audit-coverage.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../test/engines';
import { createTestApp, login, type Client, type TestApp } from '../test/harness';
import { CHECKED_OPERATIONS, EndpointDriver, auditRow } from './audit-coverage.support';

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const pngUpload = (filename: string) => ({ body: png, headers: { 'content-type': 'image/png', 'x-filename': filename } });

interface Route {
  id: string;
  points: Array<{ id: string; name: string; items: Array<{ id: string; kind: string }> }>;
}

describe.each(ENGINES)('audit rows of write endpoints (assets, maintenance, inspection, telemetry) on %s', (engine) => {
  let t: TestApp;
  let d: EndpointDriver;
  /** 银轮's admin, its technician, and 山河 (the receiver of a transfer). */
  let yinlun: Client;
  let tech: Client;
  let shanhe: Client;
  beforeAll(async () => {
    t = await createTestApp(engine);
    d = new EndpointDriver(t);
    [yinlun, tech, shanhe] = [await login(t.app, 'yinlun'), await login(t.app, 'yinlun.tech'), await login(t.app, 'shanhe')];
  });
  afterAll(async () => t?.close());

  /** A set-up call, not the one under test: it must succeed; answers its JSON. */
  const setUp = async <T>(who: Client, method: 'POST' | 'PUT', url: string, body?: unknown): Promise<T> => {
    const res = await who.request(method, url, body);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json<T>();
  };
  const newAsset = async (body: Record<string, unknown>) => (await setUp<{ id: string }>(yinlun, 'POST', '/api/assets', body)).id;

  describe('assets and places', () => {
    it('audits a plant and a line created and edited by the enterprise admin', async () => {
      const { id: plantId } = await d.expectCreated(yinlun, 'POST /api/plants', { body: { name: '审计 三号厂区' } }, (id) => [
        auditRow(yinlun, 'create', 'plant', id),
      ]);
      await d.expectRows(yinlun, 'PATCH /api/plants/{id}', { params: { id: plantId }, body: { address: '天台县福溪街道始丰东路 10 号' } }, [
        auditRow(yinlun, 'update', 'plant', plantId),
      ]);
      const { id: lineId } = await d.expectCreated(yinlun, 'POST /api/lines', { body: { plantId, name: '审计 装配线' } }, (id) => [
        auditRow(yinlun, 'create', 'line', id),
      ]);
      await d.expectRows(yinlun, 'PATCH /api/lines/{id}', { params: { id: lineId }, body: { name: '审计 总装线' } }, [
        auditRow(yinlun, 'update', 'line', lineId),
      ]);
    });

    it('audits an asset registered, edited, moved along its lifecycle and read, and the enterprise sharing its summary', async () => {
      const body = { kind: 'mold', code: 'AUD-M1', name: '审计 水室模具', cavities: 2, designLifeShots: 200_000 };
      const { id } = await d.expectCreated(yinlun, 'POST /api/assets', { body }, (id) => [auditRow(yinlun, 'create', 'asset', id)]);
      await d.expectRows(yinlun, 'PATCH /api/assets/{id}', { params: { id }, body: { maker: '台州黄岩模具厂' } }, [
        auditRow(yinlun, 'update', 'asset', id),
      ]);
      await d.expectRows(yinlun, 'POST /api/assets/{id}/lifecycle', { params: { id }, body: { to: 'commissioned', reason: '试模合格' } }, [
        auditRow(yinlun, 'lifecycle', 'asset', id),
      ]);
      await d.expectRows(tech, 'POST /api/assets/{id}/readings', { params: { id }, body: { counter: 'shots', value: 1200 } }, [
        auditRow(tech, 'reading', 'asset', id),
      ]);
      await d.expectRows(yinlun, 'PUT /api/assets/sharing', { body: { shared: true } }, [
        auditRow(yinlun, 'update', 'asset_sharing', yinlun.organisationId),
      ]);
    });

    it('audits a mold mounted on a press, taken off, and offered to another enterprise, which accepts (on both sides)', async () => {
      const pressId = await newAsset({ kind: 'equipment', code: 'AUD-P1', name: '审计 压铸机', press: true, state: 'in_service' });
      const moldId = await newAsset({ kind: 'mold', code: 'AUD-M2', name: '审计 端盖模具', state: 'in_service' });
      await d.expectRows(yinlun, 'POST /api/assets/{id}/mount', { params: { id: moldId }, body: { pressId } }, [
        auditRow(yinlun, 'mount', 'asset', moldId),
      ]);
      await d.expectRows(yinlun, 'POST /api/assets/{id}/unmount', { params: { id: moldId } }, [
        auditRow(yinlun, 'unmount', 'asset', moldId),
      ]);
      const { id: offerId } = await d.expectCreated(
        yinlun,
        'POST /api/assets/{id}/transfer',
        { body: { enterpriseId: shanhe.organisationId, role: 'owner', reason: '模具随订单转让' }, params: { id: moldId } },
        (id) => [auditRow(yinlun, 'offer', 'asset_transfer_offer', id)],
      );
      await d.expectRows(shanhe, 'POST /api/asset-transfers/{id}/accept', { params: { id: offerId } }, [
        auditRow(shanhe, 'accept', 'asset_transfer_offer', offerId),
        auditRow(shanhe, 'transfer_out', 'asset', moldId, yinlun.organisationId),
        auditRow(shanhe, 'transfer_in', 'asset', moldId),
      ]);
    });

    it('audits a transfer offer declined by the receiver and one withdrawn by the sender', async () => {
      const moldId = await newAsset({ kind: 'mold', code: 'AUD-M3', name: '审计 支架模具', state: 'in_service' });
      const offer = async () =>
        (
          await setUp<{ id: string }>(yinlun, 'POST', `/api/assets/${moldId}/transfer`, {
            enterpriseId: shanhe.organisationId,
            role: 'owner',
          })
        ).id;
      const declined = await offer();
      await d.expectRows(shanhe, 'POST /api/asset-transfers/{id}/decline', { params: { id: declined }, body: { note: '暂无需求' } }, [
        auditRow(shanhe, 'decline', 'asset_transfer_offer', declined),
      ]);
      const withdrawn = await offer();
      await d.expectRows(yinlun, 'POST /api/asset-transfers/{id}/cancel', { params: { id: withdrawn } }, [
        auditRow(yinlun, 'cancel', 'asset_transfer_offer', withdrawn),
      ]);
    });
  });

  describe('maintenance', () => {
    let pressId: string;
    beforeAll(async () => {
      pressId = await newAsset({ kind: 'equipment', code: 'AUD-P2', name: '审计 冲压机', press: true, state: 'in_service' });
    });

    it('audits a maintenance plan created, edited and deleted', async () => {
      const body = {
        assetId: pressId,
        name: '审计 月度保养',
        trigger: 'time',
        intervalValue: 1,
        intervalUnit: 'months',
        checklist: ['检查液压油位'],
      };
      const { id } = await d.expectCreated(yinlun, 'POST /api/maintenance/plans', { body }, (id) => [
        auditRow(yinlun, 'create', 'maintenance_plan', id),
      ]);
      await d.expectRows(yinlun, 'PATCH /api/maintenance/plans/{id}', { params: { id }, body: { warningShare: 0.2 } }, [
        auditRow(yinlun, 'update', 'maintenance_plan', id),
      ]);
      await d.expectRows(yinlun, 'DELETE /api/maintenance/plans/{id}', { params: { id } }, [
        auditRow(yinlun, 'delete', 'maintenance_plan', id),
      ]);
    });

    it('audits a spare part added and its stock adjusted, and the enterprise sharing its figures', async () => {
      const { id } = await d.expectCreated(
        yinlun,
        'POST /api/spare-parts',
        { body: { code: 'AUD-SEAL', name: '审计 油封', unit: '个', quantity: 2 } },
        (id) => [auditRow(yinlun, 'create', 'spare_part', id)],
      );
      await d.expectRows(yinlun, 'POST /api/spare-parts/{id}/adjust', { params: { id }, body: { delta: 5, reason: '采购到货' } }, [
        auditRow(yinlun, 'adjust', 'spare_part', id),
      ]);
      await d.expectRows(yinlun, 'PUT /api/maintenance/sharing', { body: { shared: true } }, [
        auditRow(yinlun, 'update', 'maintenance_sharing', yinlun.organisationId),
      ]);
    });

    it('audits a repair reported and every step to acceptance, with the press taken out of service and back', async () => {
      const part = await setUp<{ id: string }>(yinlun, 'POST', '/api/spare-parts', { code: 'AUD-BELT', name: '审计 三角带', quantity: 3 });
      const { id } = await d.expectCreated(
        tech,
        'POST /api/work-orders',
        { body: { assetId: pressId, title: '审计 液压站漏油' } },
        (id) => [auditRow(tech, 'create', 'work_order', id)],
      );
      /** One action: its row on the order, and the press's lifecycle row when the action moves it. */
      const step = (who: Client, body: { action: string } & Record<string, unknown>, movesPress = false) =>
        d.expectRows(who, 'POST /api/work-orders/{id}/actions', { params: { id }, body }, [
          auditRow(who, body.action, 'work_order', id),
          ...(movesPress ? [auditRow(who, 'lifecycle', 'asset', pressId)] : []),
        ]);
      await step(yinlun, { action: 'assign', assigneeUserId: tech.userId });
      await step(tech, { action: 'start' }, true); // under repair
      await step(tech, { action: 'hold', reason: '等待备件' });
      await step(tech, { action: 'resume' });
      await step(tech, { action: 'use_part', partId: part.id, quantity: 1 });
      await step(tech, { action: 'complete', result: '更换油封，试机正常', labourMinutes: 45 }, true); // back in service
      await step(yinlun, { action: 'reject', reason: '仍有渗油' }, true); // under repair again
      await step(tech, { action: 'complete', result: '更换油封与三角带', labourMinutes: 30 }, true);
      await step(yinlun, { action: 'accept', note: '验收通过' });
    });

    it('audits a checklist item ticked on the technician’s 保养 order', async () => {
      const orders = (await tech.get('/api/work-orders?mine=true&kind=maintenance&status=assigned&pageSize=1')).json<{
        items: Array<{ id: string }>;
      }>();
      const id = orders.items[0]!.id;
      await setUp(tech, 'POST', `/api/work-orders/${id}/actions`, { action: 'start' });
      const itemId = (await tech.get(`/api/work-orders/${id}`)).json<{ checklist: Array<{ id: string }> }>().checklist[0]!.id;
      await d.expectRows(
        tech,
        'PUT /api/work-orders/{id}/checklist/{itemId}',
        { params: { id, itemId }, body: { result: 'pass', value: '45 L' } },
        [auditRow(tech, 'tick', 'work_order', id)],
      );
    });

    it('audits a file attached to a work order', async () => {
      const orders = (await yinlun.get('/api/work-orders?pageSize=200')).json<{ items: Array<{ id: string; status: string }> }>().items;
      const { id } = orders.find((o) => o.status !== 'accepted')!;
      await d.expectRows(yinlun, 'POST /api/work-orders/{id}/attachments', { params: { id }, ...pngUpload('b.png') }, [
        auditRow(yinlun, 'attach', 'work_order', id),
      ]);
    });
  });

  describe('inspection', () => {
    const items = [
      { label: '有无泄漏', kind: 'pass_fail' },
      { label: '现场照片', kind: 'photo', required: false },
    ];

    it('audits a route planned: created, renamed, its points added, reordered, edited and removed', async () => {
      const { id } = await d.expectCreated(yinlun, 'POST /api/inspection/routes', { body: { name: '审计 日常点检' } }, (id) => [
        auditRow(yinlun, 'create', 'inspection_route', id),
      ]);
      const row = (action: string) => [auditRow(yinlun, action, 'inspection_route', id)];
      await d.expectRows(
        yinlun,
        'PATCH /api/inspection/routes/{id}',
        { params: { id }, body: { name: '审计 日常点检（白班）' } },
        row('update'),
      );
      const addPoint = async (name: string) =>
        (
          await d.expectRows(yinlun, 'POST /api/inspection/routes/{id}/points', { params: { id }, body: { name, items } }, row('add_point'))
        ).json<Route>();
      await addPoint('液压站');
      const [first, second] = (await addPoint('空压机')).points;
      await d.expectRows(
        yinlun,
        'PUT /api/inspection/routes/{id}/point-order',
        { params: { id }, body: { pointIds: [second!.id, first!.id] } },
        row('reorder_points'),
      );
      await d.expectRows(
        yinlun,
        'PATCH /api/inspection/points/{id}',
        { params: { id: first!.id }, body: { name: '一号液压站' } },
        row('update_point'),
      );
      await d.expectRows(yinlun, 'DELETE /api/inspection/points/{id}', { params: { id: second!.id } }, row('delete_point'));
    });

    it('audits a round walked by the technician: started, checked in, recorded, photographed and finished', async () => {
      const { id: routeId } = await setUp<{ id: string }>(yinlun, 'POST', '/api/inspection/routes', { name: '审计 夜班点检' });
      const point = (await setUp<Route>(yinlun, 'POST', `/api/inspection/routes/${routeId}/points`, { name: '钎焊炉', items })).points[0]!;
      const [check, photo] = point.items;
      const { id } = await d.expectCreated(tech, 'POST /api/inspection/rounds', { body: { routeId } }, (id) => [
        auditRow(tech, 'start', 'inspection_round', id),
      ]);
      // The token travels only on the printed label; the database stands in for the scan.
      const { qr_token: qrToken } = await t.db
        .selectFrom('inspection_points')
        .select('qr_token')
        .where('id', '=', point.id)
        .executeTakeFirstOrThrow();
      await d.expectRows(tech, 'POST /api/inspection/rounds/{id}/check-in', { params: { id }, body: { qrToken } }, [
        auditRow(tech, 'check_in', 'inspection_round', id),
      ]);
      const resultOf = async (itemId: string) =>
        (
          await t.db
            .selectFrom('inspection_results')
            .select('id')
            .where('round_id', '=', id)
            .where('item_id', '=', itemId)
            .executeTakeFirstOrThrow()
        ).id;
      await d.expectRows(
        tech,
        'POST /api/inspection/rounds/{id}/results',
        { params: { id }, body: { pointId: point.id, itemId: check!.id, value: 'pass' } },
        [auditRow(tech, 'record', 'inspection_result', await resultOf(check!.id))],
      );
      await d.expectRows(
        tech,
        'POST /api/inspection/rounds/{id}/items/{itemId}/photo',
        { params: { id, itemId: photo!.id }, ...pngUpload('furnace.png') },
        [auditRow(tech, 'record', 'inspection_result', await resultOf(photo!.id))],
      );
      await d.expectRows(tech, 'POST /api/inspection/rounds/{id}/finish', { params: { id } }, [
        auditRow(tech, 'finish', 'inspection_round', id),
      ]);
    });
  });

  describe('telemetry', () => {
    const deviceType = 'audit_probe';
    const deviceId = (body: { device: { id: string } }) => body.device.id;

    it('audits a device provisioned, edited, given a new token and removed', async () => {
      const { id } = await d.expectCreated(
        yinlun,
        'POST /api/telemetry/devices',
        { body: { name: '审计 网关 1#', kind: 'gateway', deviceType } },
        (id) => [auditRow(yinlun, 'create', 'device', id)],
        deviceId,
      );
      await d.expectRows(yinlun, 'PATCH /api/telemetry/devices/{id}', { params: { id }, body: { name: '审计 网关 1#（总装线）' } }, [
        auditRow(yinlun, 'update', 'device', id),
      ]);
      await d.expectRows(yinlun, 'POST /api/telemetry/devices/{id}/rotate-token', { params: { id } }, [
        auditRow(yinlun, 'rotate_token', 'device', id),
      ]);
      await d.expectRows(yinlun, 'DELETE /api/telemetry/devices/{id}', { params: { id } }, [auditRow(yinlun, 'delete', 'device', id)]);
    });

    it('audits an alarm rule written, edited and deleted, and an alarm it raised acknowledged', async () => {
      const rule = { name: '审计 探头温度过高', deviceType, metric: 'audit_temp', condition: 'above', threshold: 80, durationSeconds: 0 };
      const { id: ruleId } = await d.expectCreated(yinlun, 'POST /api/telemetry/alarm-rules', { body: rule }, (id) => [
        auditRow(yinlun, 'create', 'alarm_rule', id),
      ]);
      await d.expectRows(yinlun, 'PATCH /api/telemetry/alarm-rules/{id}', { params: { id: ruleId }, body: { ...rule, threshold: 70 } }, [
        auditRow(yinlun, 'update', 'alarm_rule', ruleId),
      ]);

      // A probe reports 95 ℃: the rule raises an alarm at once (duration 0).
      const created = await setUp<{ device: { id: string }; credentials: { accessToken: string } }>(
        yinlun,
        'POST',
        '/api/telemetry/devices',
        {
          name: '审计 温度探头',
          deviceType,
        },
      );
      const sent = await t.app.inject({
        method: 'POST',
        url: `/api/v1/${created.credentials.accessToken}/telemetry`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ audit_temp: 95 }),
      });
      expect(sent.statusCode, sent.body).toBe(200);
      await t.app.telemetry.monitor.idle();
      const alarms = (await yinlun.get(`/api/telemetry/alarms?deviceId=${created.device.id}`)).json<{ items: Array<{ id: string }> }>()
        .items;
      expect(alarms).toHaveLength(1);
      const alarmId = alarms[0]!.id;
      await d.expectRows(yinlun, 'POST /api/telemetry/alarms/{id}/acknowledge', { params: { id: alarmId } }, [
        auditRow(yinlun, 'acknowledge', 'alarm', alarmId),
      ]);
      await d.expectRows(yinlun, 'DELETE /api/telemetry/alarm-rules/{id}', { params: { id: ruleId } }, [
        auditRow(yinlun, 'delete', 'alarm_rule', ruleId),
      ]);
    });
  });

  it('drives every endpoint this file lists as checked', () => {
    expect(CHECKED_OPERATIONS.filter((endpoint) => !d.driven.has(endpoint))).toEqual([]);
  });
});
