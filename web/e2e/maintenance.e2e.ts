// Maintenance end to end in a real browser: a technician reports a stopped press (报修) on a phone, the
// enterprise admin assigns it to him at a desk (派工), he starts and completes the repair on the phone,
// the admin accepts it (验收), and the KPI page counts one more failure than before. Then he runs a 保养
// order on the phone, ticking its checklist item by item: done waits until every required item is ticked.
import type { KpiView, Paged, WorkOrderDetailView, WorkOrderView } from '@tiantai/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../server/test/engines';
import { BrowserSuite, HAS_BROWSER } from './browser';

const PRESS = 'YL-EQ-001';
const TECHNICIAN = '林志强';
const TITLE = '液压系统漏油，设备停机';

describe.runIf(HAS_BROWSER).each(ENGINES)('maintenance work orders in Chromium on %s', (engine) => {
  const suite = new BrowserSuite(engine, 'mt');
  const { shot, signIn } = suite;
  let base: string;
  let admin: Page;
  let phone: Page;
  let orderPath: string;
  let failuresBefore: number;

  const kpisOf = (page: Page) => page.evaluate(async () => (await (await fetch('/api/maintenance/kpis')).json()) as KpiView);
  const orderOf = (page: Page, id: string) =>
    page.evaluate(async (orderId) => (await (await fetch(`/api/work-orders/${orderId}`)).json()) as WorkOrderDetailView, id);

  /** Picks an option of an antd Select by typing part of its label. */
  const choose = async (page: Page, testId: string, text: string) => {
    await page.getByTestId(testId).click();
    await page.keyboard.type(text);
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text });
    await option.first().waitFor({ state: 'visible' });
    await option.first().click();
  };

  const act = async (page: Page, action: string, fill?: () => Promise<void>) => {
    await page.getByTestId(`action-${action}`).click();
    await expect.poll(() => page.getByTestId('action-submit').isVisible()).toBe(true);
    if (fill) await fill();
    await page.getByTestId('action-submit').click();
    await expect.poll(() => page.getByTestId('action-submit').count()).toBe(0);
  };

  beforeAll(async () => {
    await suite.start();
    base = suite.base;
  });
  afterAll(suite.stop);

  it('a technician reports a stopped press on a phone', async () => {
    admin = await signIn('yinlun');
    failuresBefore = (await kpisOf(admin)).total.failures;

    phone = await signIn('yinlun.tech', { phone: true, at: '/work-orders' });
    // A technician's list opens on his own tasks.
    await expect.poll(() => phone.getByTestId('report-fault').isVisible()).toBe(true);
    expect(await phone.getByTestId('work-order-scope').locator('.ant-segmented-item-selected').innerText()).toBe('我的任务');
    await shot(phone, 'phone-my-tasks', false);

    await phone.getByTestId('report-fault').click();
    await choose(phone, 'report-asset', PRESS);
    await phone.getByTestId('report-title').fill(TITLE);
    await phone.getByTestId('report-description').fill('主缸下方有油迹，压力表读数下降');
    await phone.getByTestId('report-stopped').check();
    await shot(phone, 'phone-report', false);
    await phone.getByTestId('report-submit').click();

    await expect.poll(() => phone.getByTestId('work-order-title').isVisible()).toBe(true);
    expect(await phone.getByTestId('work-order-title').innerText()).toBe(TITLE);
    orderPath = new URL(phone.url()).pathname;
    expect(orderPath).toMatch(/^\/work-orders\/[\w-]+$/);
    expect(await phone.getByTestId('work-order-status').first().getAttribute('data-status')).toBe('reported');
    // A technician may not assign: nothing to do until the admin has.
    expect(await phone.getByTestId('action-panel').innerText()).toContain('当前没有您可执行的操作');
    const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(phone, 'phone-reported');
  });

  it('the enterprise admin sees the report and assigns it to the technician', async () => {
    await admin.getByTestId('side-menu').getByText('维保工单', { exact: true }).click();
    const row = admin.locator('.ant-table-row', { hasText: TITLE });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByTestId('work-order-status').getAttribute('data-status')).toBe('reported');
    expect(await row.getByTestId('work-order-kind').innerText()).toBe('维修');
    await shot(admin, 'admin-list');

    await row.getByTestId('work-order-link').click();
    await expect.poll(() => admin.getByTestId('action-assign').isVisible()).toBe(true);
    await act(admin, 'assign', () => choose(admin, 'assign-user', TECHNICIAN));
    await expect.poll(() => admin.getByTestId('work-order-assignee').innerText()).toContain(TECHNICIAN);
    expect(await admin.getByTestId('work-order-status').first().getAttribute('data-status')).toBe('assigned');
    await shot(admin, 'admin-assigned');
  });

  it('the technician starts and completes the repair on the phone', async () => {
    await phone.goto(`${base}/work-orders`);
    const card = phone.getByTestId('work-order-card').filter({ hasText: TITLE });
    await expect.poll(() => card.count()).toBe(1);
    await shot(phone, 'phone-assigned-task', false);
    await card.click();

    await expect.poll(() => phone.getByTestId('action-start').isVisible()).toBe(true);
    await act(phone, 'start');
    await expect.poll(() => phone.getByTestId('action-complete').isVisible()).toBe(true);
    await act(phone, 'complete', async () => {
      await phone.getByTestId('complete-result').fill('更换主缸密封圈，试压正常');
      await phone.getByTestId('complete-labour').fill('90');
      await shot(phone, 'phone-complete-form', false);
    });
    await expect.poll(() => phone.getByTestId('work-order-status').first().getAttribute('data-status')).toBe('done');
    expect(await phone.getByTestId('work-order-labour').innerText()).toBe('90 分钟');
    const id = orderPath.split('/').pop()!;
    const order = await orderOf(phone, id);
    expect(order.downtimeStart).not.toBeNull();
    expect(order.downtimeEnd).not.toBeNull();
    await shot(phone, 'phone-done');
  });

  it('the admin accepts the repair and the KPI page counts one more failure', async () => {
    await admin.goto(`${base}${orderPath}`);
    await expect.poll(() => admin.getByTestId('action-accept').isVisible()).toBe(true);
    await act(admin, 'accept');
    await expect.poll(() => admin.getByTestId('work-order-status').first().getAttribute('data-status')).toBe('accepted');
    const kinds = await admin.getByTestId('work-order-event').evaluateAll((events) => events.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['reported', 'assigned', 'started', 'completed', 'accepted']);
    await shot(admin, 'admin-accepted');

    const after = await kpisOf(admin);
    expect(after.total.failures).toBe(failuresBefore + 1);
    await admin.getByTestId('side-menu').getByText('维保指标', { exact: true }).click();
    await expect.poll(() => admin.getByTestId('kpi-failures').innerText()).toContain(String(failuresBefore + 1));
    await expect.poll(() => admin.getByTestId('kpi-chart').locator('canvas').count()).toBeGreaterThan(0);
    await shot(admin, 'kpis');
  });

  it('the technician ticks a 保养 checklist item by item on the phone; done waits for the last one', async () => {
    const open = await phone.evaluate(
      async () =>
        (await (
          await fetch('/api/work-orders?mine=true&open=true&kind=maintenance&status=assigned&pageSize=50')
        ).json()) as Paged<WorkOrderView>,
    );
    const pm = open.items[0]!;
    await phone.goto(`${base}/work-orders/${pm.id}`);
    await expect.poll(() => phone.getByTestId('work-order-checklist').isVisible()).toBe(true);
    const items = phone.getByTestId('checklist-item');
    const count = await items.count();
    expect(count).toBeGreaterThan(1);
    // not started yet: nothing to tick
    expect(await phone.getByTestId('checklist-pass').count()).toBe(0);
    await act(phone, 'start');
    await expect.poll(() => phone.getByTestId('checklist-pass').count()).toBe(count);
    expect(await phone.getByTestId('checklist-missing').innerText()).toContain(String(count));

    await items.nth(0).getByTestId('checklist-value').fill('油位 45 L');
    await items.nth(0).getByTestId('checklist-pass').click();
    await expect.poll(() => items.nth(0).getAttribute('data-result')).toBe('pass');
    await items.nth(1).getByTestId('checklist-note').fill('顶针轻微磨损，已记录');
    await items.nth(1).getByTestId('checklist-fail').click();
    await expect.poll(() => items.nth(1).getAttribute('data-result')).toBe('fail');
    await shot(phone, 'phone-checklist', false);

    // completing with items left is refused, with the reason in words
    await phone.getByTestId('action-complete').click();
    await expect.poll(() => phone.getByTestId('action-submit').isVisible()).toBe(true);
    await phone.getByTestId('complete-result').fill('按清单完成保养');
    await phone.getByTestId('complete-labour').fill('60');
    await phone.getByTestId('action-submit').click();
    await expect.poll(() => phone.getByTestId('action-error').isVisible()).toBe(true);
    expect(await phone.getByTestId('action-error').innerText()).toContain('必检项未勾选');
    await shot(phone, 'phone-checklist-refused', false);
    await phone
      .getByRole('button', { name: '取 消' })
      .or(phone.getByRole('button', { name: '取消' }))
      .first()
      .click();
    await expect.poll(() => phone.getByTestId('action-submit').count()).toBe(0);

    for (let i = 2; i < count; i++) {
      await items.nth(i).getByTestId('checklist-na').click();
      await expect.poll(() => items.nth(i).getAttribute('data-result')).toBe('na');
    }
    await expect.poll(() => phone.getByTestId('checklist-missing').count()).toBe(0);
    await act(phone, 'complete', async () => {
      await phone.getByTestId('complete-result').fill('按清单完成保养');
      await phone.getByTestId('complete-labour').fill('60');
    });
    await expect.poll(() => phone.getByTestId('work-order-status').first().getAttribute('data-status')).toBe('done');
    const done = await orderOf(phone, pm.id);
    expect(done.checklist.map((c) => c.result)).toEqual(['pass', 'fail', ...Array<string>(count - 2).fill('na')]);
    expect(done.checklist[0]!.value).toBe('油位 45 L');
    // read-only once done
    expect(await phone.getByTestId('checklist-pass').count()).toBe(0);
    await shot(phone, 'phone-checklist-done');
  });
});
