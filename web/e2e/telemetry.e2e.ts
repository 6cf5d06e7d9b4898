// Machine data end to end in a real browser: the enterprise admin connects a device to a press, the test
// plays the device (HTTP, and MQTT through the embedded broker), the value shows on the device page; an
// alarm rule written in the UI raises an alarm on the alarms page, which opens a repair work order; a
// phone shows the same screens.
import type { AlarmView, DeviceDetailView, Paged } from '@tiantai/shared';
import mqtt from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../server/test/engines';
import { BrowserSuite, HAS_BROWSER } from './browser';

const PRESS = 'YL-EQ-002';
const DEVICE = '2 号压铸机 PLC';
const DEVICE_TYPE = 'diecast';
const RULE = '模温过高';

describe.runIf(HAS_BROWSER).each(ENGINES)('machine data in Chromium on %s', (engine) => {
  const suite = new BrowserSuite(engine, 'tm');
  const { shot, signIn } = suite;
  let base: string;
  let admin: Page;
  let token: string;
  let devicePath: string;

  /** Picks an option of an antd Select by typing part of its label. */
  const choose = async (page: Page, testId: string, text: string) => {
    await page.getByTestId(testId).click();
    await page.keyboard.type(text);
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text });
    await option.first().waitFor({ state: 'visible' });
    await option.first().click();
  };

  /** The device's own HTTP API, as firmware calls it: no session, the token in the path. */
  const publish = async (values: Record<string, number>) => {
    const response = await fetch(`${base}/api/v1/${token}/telemetry`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(values),
    });
    expect(response.status).toBe(200);
  };

  const latest = (page: Page, key: string) => page.locator(`[data-testid="latest-value"][data-key="${key}"]`);
  const deviceOf = (page: Page, id: string) =>
    page.evaluate(async (deviceId) => (await (await fetch(`/api/telemetry/devices/${deviceId}`)).json()) as DeviceDetailView, id);
  const alarmsOf = (page: Page) =>
    page.evaluate(async () => (await (await fetch('/api/telemetry/alarms?status=raised')).json()) as Paged<AlarmView>);

  beforeAll(async () => {
    await suite.start();
    base = suite.base;
  });
  afterAll(suite.stop);

  it('the enterprise admin connects a device to a press and gets its credentials', async () => {
    admin = await signIn('yinlun');
    await admin.getByTestId('side-menu').getByText('设备监控', { exact: true }).click();
    await expect.poll(() => admin.getByTestId('new-device').isVisible()).toBe(true);
    // The demo's machines reported until the demo was loaded, and are silent since (no simulator here): each
    // row shows the state the server gives the device (offline once its expected interval has passed).
    await expect.poll(() => admin.getByTestId('device-link').count()).toBeGreaterThan(0);
    const rows = () =>
      admin
        .getByTestId('device-table')
        .locator('tr:has([data-testid="device-link"])')
        .evaluateAll((trs) =>
          trs.map((tr) => ({
            id: decodeURIComponent(tr.querySelector('[data-testid="device-link"]')!.getAttribute('href')!.split('/').pop()!),
            state: tr.querySelector('[data-testid="device-state"]')!.getAttribute('data-state'),
          })),
        );
    await expect
      .poll(async () => {
        const shown = await rows();
        const server = await Promise.all(shown.map(async (row) => ({ id: row.id, state: (await deviceOf(admin, row.id)).state })));
        return JSON.stringify(shown) === JSON.stringify(server);
      })
      .toBe(true);
    await shot(admin, 'devices');

    await admin.getByTestId('new-device').click();
    await expect.poll(() => admin.getByTestId('device-submit').isVisible()).toBe(true);
    await admin.getByTestId('device-name').fill(DEVICE);
    await admin.getByTestId('device-type').fill(DEVICE_TYPE);
    await choose(admin, 'device-asset', PRESS);
    await shot(admin, 'device-form', false);
    await admin.getByTestId('device-submit').click();

    await expect.poll(() => admin.getByTestId('credentials-token').isVisible()).toBe(true);
    token = (await admin.getByTestId('credentials-token').innerText()).trim();
    expect(token.length).toBeGreaterThan(10);
    expect(await admin.getByTestId('credentials-topic').innerText()).toBe('v1/devices/me/telemetry');
    expect(await admin.getByTestId('credentials-http').innerText()).toBe(`${base}/api/v1/${token}/telemetry`);
    expect(await admin.getByTestId('credentials-mosquitto').innerText()).toContain(`-u ${token} -t v1/devices/me/telemetry`);
    await shot(admin, 'credentials', false);

    await admin.getByTestId('credentials-close').click();
    await expect.poll(() => admin.getByTestId('device-name').isVisible()).toBe(true);
    devicePath = new URL(admin.url()).pathname;
    expect(devicePath).toMatch(/^\/devices\/[\w-]+$/);
    expect(await admin.getByTestId('device-name').innerText()).toBe(DEVICE);
    expect(await admin.getByTestId('device-asset').innerText()).toContain(PRESS);
    expect(await admin.getByTestId('latest-values').innerText()).toContain('还没有收到数据');
  });

  it("the press's asset page lists its device and connects another one from there", async () => {
    await admin.getByTestId('device-asset').click();
    await expect.poll(() => admin.getByTestId('asset-device').filter({ hasText: DEVICE }).count()).toBe(1);
    const assetPath = new URL(admin.url()).pathname;
    await shot(admin, 'asset-devices');
    await admin.getByTestId('asset-connect-device').click();
    // The form opens for this machine: the asset is already chosen.
    await expect.poll(() => admin.getByTestId('device-submit').isVisible()).toBe(true);
    expect(new URL(admin.url()).searchParams.get('assetId')).toBe(assetPath.split('/').pop());
    await expect.poll(() => admin.getByTestId('device-asset').innerText()).toContain(PRESS);
    await admin.keyboard.press('Escape');
    await expect.poll(() => admin.getByTestId('device-submit').count()).toBe(0);
    expect(new URL(admin.url()).search).toBe('');
    await admin.goto(`${base}${devicePath}`);
    await expect.poll(() => admin.getByTestId('device-name').isVisible()).toBe(true);
  });

  it('a value sent over HTTP shows on the device page without a reload', async () => {
    await publish({ mold_temp: 182.5, state: 1 });
    await expect.poll(() => latest(admin, 'mold_temp').innerText()).toBe('182.5');
    await expect.poll(() => admin.getByTestId('device-state').first().getAttribute('data-state')).toBe('running');
    // The live chart draws the point it was sent.
    await expect.poll(() => admin.getByTestId('live-chart').getAttribute('data-points')).toBe('1');
    await publish({ mold_temp: 185 });
    // At the metric's precision (模温: one decimal), named with its unit.
    await expect.poll(() => latest(admin, 'mold_temp').innerText()).toBe('185.0');
    expect(await admin.locator('[data-testid="latest-metric"][data-key="mold_temp"]').innerText()).toContain('模温 (°C)');
    await expect.poll(() => admin.getByTestId('live-chart').getAttribute('data-points')).toBe('2');
    expect(await admin.getByTestId('history-resolution').innerText()).toBe('按分钟汇总');
    await admin.getByTestId('history-range').getByText('1 小时').click();
    await expect.poll(() => admin.getByTestId('history-resolution').innerText()).toBe('原始数据');
    await expect.poll(() => admin.getByTestId('history-chart').getAttribute('data-points')).toBe('2');
    await shot(admin, 'device-http');
  });

  it('a value sent over MQTT through the embedded broker shows too', async () => {
    const port = suite.server.platform.mqttPort;
    expect(port).not.toBeNull();
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { username: token, clientId: `e2e-${engine}`, reconnectPeriod: 0 });
    try {
      await client.publishAsync('v1/devices/me/telemetry', JSON.stringify({ current: 63.2 }), { qos: 1 });
    } finally {
      await client.endAsync();
    }
    await expect.poll(() => latest(admin, 'current').innerText()).toBe('63.2');
    const id = devicePath.split('/').pop()!;
    expect((await deviceOf(admin, id)).counts.messages).toBe(3);
    await expect.poll(() => admin.getByTestId('device-messages').innerText()).toBe('3');
    // A clean MQTT disconnect ends the connection, not the machine: its data is recent, so it stays online.
    await expect.poll(async () => (await deviceOf(admin, id)).connected).toBe(false);
    const after = await deviceOf(admin, id);
    expect([after.online, after.state]).toEqual([true, 'running']);
    await admin.goto(admin.url(), { waitUntil: 'domcontentloaded' });
    await expect.poll(() => admin.getByTestId('device-connection').innerText()).toBe('未连接');
    expect(await admin.getByTestId('device-state').first().getAttribute('data-state')).toBe('running');
    await shot(admin, 'device-mqtt');
  });

  it('a rule written in the UI raises an alarm that opens a work order', async () => {
    await admin.getByTestId('side-menu').getByText('设备告警', { exact: true }).click();
    await admin.getByTestId('tab-rules').click();
    await expect.poll(() => admin.getByTestId('new-rule').isVisible()).toBe(true);
    await admin.getByTestId('new-rule').click();
    await expect.poll(() => admin.getByTestId('rule-submit').isVisible()).toBe(true);
    await admin.getByTestId('rule-name-input').fill(RULE);
    await admin.getByTestId('rule-device-type').locator('input').fill(DEVICE_TYPE);
    await admin.getByTestId('rule-metric').locator('input').fill('mold_temp');
    await admin.getByTestId('rule-threshold').fill('200');
    await admin.getByTestId('rule-clear-threshold').fill('190');
    await choose(admin, 'rule-severity', '紧急');
    await admin.getByTestId('rule-open-work-order').click();
    await shot(admin, 'rule-form', false);
    await admin.getByTestId('rule-submit').click();
    const row = admin.locator('.ant-table-row', { hasText: RULE });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByTestId('rule-condition').innerText()).toBe('模温 > 200 °C（低于 190 °C 恢复）');
    await shot(admin, 'rules');

    await admin.getByTestId('tab-alarms').click();
    const before = (await alarmsOf(admin)).total;
    const unread = async () => Number(await admin.getByTestId('notification-bell').getAttribute('data-unread'));
    const unreadBefore = await unread();
    await publish({ mold_temp: 231.4 });
    const alarm = admin.locator('.ant-table-row', { hasText: DEVICE });
    await expect.poll(() => alarm.count()).toBe(1);
    await expect.poll(unread).toBe(unreadBefore + 1); // the bell rings without a reload
    expect((await alarmsOf(admin)).total).toBe(before + 1);
    expect(await alarm.getByTestId('alarm-status').getAttribute('data-status')).toBe('raised');
    expect(await alarm.getByTestId('alarm-severity').getAttribute('data-severity')).toBe('critical');
    expect(await alarm.innerText()).toContain('231.4');
    await expect.poll(() => alarm.getByTestId('alarm-work-order').count()).toBe(1);
    await alarm.getByTestId('alarm-acknowledge').click();
    await expect.poll(() => alarm.getByTestId('alarm-acknowledged').count()).toBe(1);
    await shot(admin, 'alarms');

    await alarm.getByTestId('alarm-work-order').click();
    await expect.poll(() => admin.getByTestId('work-order-title').isVisible()).toBe(true);
    expect(new URL(admin.url()).pathname).toMatch(/^\/work-orders\/[\w-]+$/);
    await shot(admin, 'alarm-work-order');

    // The device page lists its open alarm.
    await admin.goto(`${base}${devicePath}`);
    await expect.poll(() => admin.getByTestId('device-alarm').count()).toBe(1);
    expect(await admin.getByTestId('device-alarm').innerText()).toContain(RULE);

    // The bell's notice of the alarm leads to the alarms page.
    await admin.getByTestId('notification-bell').click();
    const notice = admin.getByTestId('notification-item').first();
    await expect.poll(() => notice.isVisible()).toBe(true);
    expect(await notice.innerText()).toMatch(new RegExp(`设备告警 · 紧急[\\s\\S]*${DEVICE} · ${RULE}`));
    await shot(admin, 'alarm-bell', false);
    await notice.click();
    await expect.poll(() => new URL(admin.url()).pathname).toBe('/alarms');
    await expect.poll(() => admin.locator('.ant-table-row', { hasText: DEVICE }).count()).toBe(1);
  });

  it('a phone shows the device list, the device page and the alarms', async () => {
    await publish({ state: 1 });
    const phone = await signIn('yinlun', { phone: true, at: '/devices?state=running' });
    const card = phone.getByTestId('device-card').filter({ hasText: DEVICE });
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.getByTestId('device-state').getAttribute('data-state')).toBe('running');
    const overflow = () => phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await shot(phone, 'phone-devices', false);

    await card.click();
    await expect.poll(() => latest(phone, 'mold_temp').innerText()).toBe('231.4');
    await expect.poll(() => phone.getByTestId('live-chart').locator('canvas').count()).toBeGreaterThan(0);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await shot(phone, 'phone-device');

    await phone.goto(`${base}/alarms?status=raised`);
    const alarmCard = phone.getByTestId('alarm-card').filter({ hasText: DEVICE });
    await expect.poll(() => alarmCard.count()).toBe(1);
    expect(await alarmCard.getByTestId('alarm-acknowledged').count()).toBe(1);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await shot(phone, 'phone-alarms', false);
  });
  it('a member reads the devices and alarms but provisions nothing', async () => {
    const member = await signIn('yinlun.tech', { at: '/devices' });
    await expect.poll(() => member.getByTestId('device-link').filter({ hasText: DEVICE }).count()).toBe(1);
    expect(await member.getByTestId('new-device').count()).toBe(0);
    expect(await member.getByTestId('device-credentials').count()).toBe(0);
    await member.goto(`${base}/alarms?tab=rules`);
    await expect.poll(() => member.getByTestId('rule-name').filter({ hasText: RULE }).count()).toBe(1);
    expect(await member.getByTestId('new-rule').count()).toBe(0);
  });

  it('a new token cuts off the old one, and a deleted device is gone', async () => {
    await admin.goto(`${base}${devicePath}`);
    await admin.getByTestId('device-credentials').click();
    await expect.poll(() => admin.getByTestId('credentials-token').innerText()).toBe(token);
    await admin.getByTestId('rotate-token').click();
    // Confirm once the popconfirm has opened (its motion over), then give the rotation a loaded machine's time.
    const confirm = admin.locator('.ant-popconfirm:visible .ant-btn-dangerous');
    await expect.poll(() => confirm.count()).toBe(1);
    await confirm.click();
    await expect.poll(() => admin.getByTestId('credentials-token').innerText(), { timeout: 20_000 }).not.toBe(token);
    const old = token;
    token = (await admin.getByTestId('credentials-token').innerText()).trim();
    const refused = await fetch(`${base}/api/v1/${old}/telemetry`, { method: 'POST', body: '{"mold_temp":180}' });
    expect(refused.status).toBe(401);
    await publish({ mold_temp: 180 });
    await admin.getByTestId('credentials-close').click();
    await expect.poll(() => latest(admin, 'mold_temp').innerText()).toBe('180.0');

    await admin.getByTestId('device-delete').click();
    await admin.locator('.ant-popconfirm .ant-btn-dangerous').click();
    await expect.poll(() => new URL(admin.url()).pathname).toBe('/devices');
    await expect.poll(() => admin.getByTestId('device-link').count()).toBeGreaterThan(0);
    expect(await admin.getByTestId('device-link').filter({ hasText: DEVICE }).count()).toBe(0);
    const gone = await fetch(`${base}/api/v1/${token}/telemetry`, { method: 'POST', body: '{"mold_temp":180}' });
    expect(gone.status).toBe(401);
  });
});
