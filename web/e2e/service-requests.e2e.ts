// The direct service end to end in a real browser, one browser context per person: 山河包装箱 files a
// termite-control request; the office sees it arrive live on the bell, accepts it after a phone call and
// dispatches it to 住建局; 住建局 signs, starts and answers; 山河 rates it satisfied; the statistics page
// then counts it, with the same numbers as the API.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../server/test/engines';
import { startTestPlatform, type TestPlatform } from '../../server/test/platform';
import { HAS_BROWSER, WEB_DIST, apiWrites, launchBrowser, screenshot } from './browser';

const PASSWORD = 'Tiantai@2026';
const TITLE = '厂房白蚁防治';
const LEAD = '县住房和城乡建设局';
const CO = '县房产管理服务中心';

interface StatisticsTotals {
  total: { received: number; closed: number; completionRate: number | null };
  rows: Array<{ label: string; received: number; closed: number }>;
}

describe.runIf(HAS_BROWSER).each(ENGINES)('direct service in Chromium on %s', (engine) => {
  let server: TestPlatform;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  const writesOf = new Map<Page, () => string>();
  let shanhe: Page;
  let officer: Page;
  let zhujian: Page;
  let requestPath: string;
  let requestNumber: string;
  let step = 0;
  let statisticsBefore: StatisticsTotals;

  // Full-page shots, except with a dialog open: the page under it is scroll-locked and a full-page shot would smear it.
  const shot = (page: Page, name: string, fullPage = true) =>
    screenshot(page, engine, `${engine}-sr-${String(++step).padStart(2, '0')}-${name}.png`, fullPage);

  /** This year's statistics by lead department, as the API answers the office. */
  const statisticsOf = (page: Page, query: string) =>
    page.evaluate(async (search) => {
      const res = await fetch(`/api/service-requests/statistics?${search}`);
      return (await res.json()) as StatisticsTotals;
    }, query);

  /** A fresh browser context (its own cookies) signed in as `username`. */
  const signIn = async (username: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    contexts.push(context);
    // A click that cannot happen (the button covered or disabled) fails with Playwright's reason, not the test's timeout.
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    writesOf.set(page, apiWrites(page));
    await page.goto(`${base}/`);
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('side-menu').isVisible()).toBe(true);
    return page;
  };

  const status = (page: Page) => page.getByTestId('request-status').first().getAttribute('data-status');

  /** Clicks an action button, lets `fill` complete its dialog, confirms, and waits for the dialog to close. */
  const act = async (page: Page, action: string, fill?: () => Promise<void>) => {
    await page.getByTestId(`action-${action}`).click();
    await expect.poll(() => page.getByTestId('action-confirm').isVisible()).toBe(true);
    await fill?.();
    await page.getByTestId('action-confirm').click();
    // The dialog closes once the step is saved. If it does not, say what the dialog and the network show. The
    // dialog is read in one snapshot: a locator read after it closed would wait out the action timeout (15 s).
    await expect
      .poll(
        async () => {
          const dialog = await page.evaluate<{ errors: string[]; saving: boolean } | null>(`(() => {
            const modal = [...document.querySelectorAll('.ant-modal')].find((m) => m.checkVisibility());
            if (!modal) return null;
            const errors = [...modal.querySelectorAll('.ant-alert-error, .ant-form-item-explain-error')].map((e) => e.innerText);
            return { errors, saving: Boolean(modal.querySelector('[data-testid="action-confirm"].ant-btn-loading')) };
          })()`);
          if (!dialog) return 'closed';
          return `open (${dialog.saving ? 'saving' : 'idle'}${dialog.errors.length ? `: ${dialog.errors.join(' / ')}` : ''}; ${writesOf.get(page)!()})`;
        },
        { timeout: 20_000 },
      )
      .toBe('closed');
  };

  /** Picks an option of an antd Select by its visible text, once the dropdown has settled. */
  const choose = async (page: Page, testId: string, option: string, type?: string) => {
    const select = page.getByTestId(testId);
    await select.click();
    if (type) await page.keyboard.type(type);
    const item = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`);
    await item.waitFor({ state: 'visible' });
    await item.click();
    await expect.poll(() => select.innerText()).toContain(option);
  };

  beforeAll(async () => {
    server = await startTestPlatform(engine, { WEB_DIST });
    base = server.base;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('shows each role its own direct-service menu', async () => {
    officer = await signIn('officer');
    statisticsBefore = await statisticsOf(officer, 'groupBy=department');
    const officerMenu = await officer.getByTestId('side-menu').innerText();
    for (const entry of ['直通服务', '服务统计', '诉求类别']) expect(officerMenu).toContain(entry);
    expect(officerMenu).not.toContain('工作日历');

    shanhe = await signIn('shanhe');
    const shanheMenu = await shanhe.getByTestId('side-menu').innerText();
    expect(shanheMenu).toContain('直通服务');
    expect(shanheMenu).not.toContain('服务统计');
  });

  it('an enterprise files a request and the office’s bell rings without a reload', async () => {
    // The office sits on its list; its bell is connected to the live stream.
    await officer.getByTestId('side-menu').getByText('直通服务', { exact: true }).click();
    await expect.poll(() => officer.getByTestId('sla-count-red').isVisible()).toBe(true);
    const unread = async () => Number(await officer.getByTestId('notification-bell').getAttribute('data-unread'));
    const unreadBefore = await unread();

    await shanhe.getByTestId('side-menu').getByText('直通服务', { exact: true }).click();
    await expect.poll(() => shanhe.getByTestId('new-request').isVisible()).toBe(true);
    await expect.poll(() => shanhe.getByRole('heading', { name: '我的诉求' }).count()).toBe(1);
    await shanhe.getByTestId('new-request').click();
    await choose(shanhe, 'request-category', '建设与住房');
    await shanhe.locator('#request_title').fill(TITLE);
    await shanhe.locator('#request_description').fill('仓库木托盘和厂房木结构发现白蚁，请求安排白蚁防治指导。');
    // Contact prefilled from the signed-in user.
    expect(await shanhe.locator('#request_contactName').inputValue()).toBe('山河包装箱 徐丽华');
    await shanhe.locator('#request_contactPhone').fill('13800000000');
    await shot(shanhe, 'enterprise-new-request', false);
    await shanhe.getByTestId('request-submit').click();

    await expect.poll(() => shanhe.getByTestId('request-number').isVisible()).toBe(true);
    requestNumber = (await shanhe.getByTestId('request-number').innerText()).trim();
    expect(requestNumber).toMatch(/^ZT\d{10}$/);
    requestPath = new URL(shanhe.url()).pathname;
    expect(requestPath).toMatch(/^\/requests\/[\w-]+$/);
    expect(await status(shanhe)).toBe('submitted');
    // The enterprise has nothing to do until the answer comes.
    expect(await shanhe.getByTestId('action-panel').getByRole('button').count()).toBe(0);

    // A photo of the damage: a real PNG through the page's file input.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    await shanhe
      .getByTestId('request-attachments')
      .locator('input[type=file]')
      .setInputFiles({ name: '白蚁照片.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => shanhe.getByTestId('request-attachments').getByText('白蚁照片.png').count()).toBe(1);
    await shot(shanhe, 'enterprise-filed');

    await expect.poll(unread, { timeout: 10_000 }).toBe(unreadBefore + 1);
    // The office's list refreshed too.
    await expect.poll(() => officer.locator('tr', { hasText: requestNumber }).count(), { timeout: 10_000 }).toBe(1);
    await officer.getByTestId('notification-bell').click();
    await expect.poll(() => officer.getByTestId('notification-item').first().isVisible()).toBe(true);
    expect(await officer.getByTestId('notification-item').first().innerText()).toContain(requestNumber);
    await shot(officer, 'office-bell', false);
  });

  it('the office accepts after a phone call and dispatches to 住建局 (the category’s default lead)', async () => {
    await officer.getByTestId('notification-item').first().click();
    await expect.poll(() => officer.getByTestId('request-number').isVisible()).toBe(true);
    expect(new URL(officer.url()).pathname).toBe(requestPath);
    await expect.poll(() => officer.getByTestId('notification-list').isVisible()).toBe(false); // the dropdown closed
    expect(await officer.getByTestId('action-accept').isVisible()).toBe(true);
    expect(await officer.getByTestId('action-reject').isVisible()).toBe(true);
    await shot(officer, 'office-detail');

    await act(officer, 'accept', async () => {
      await officer.locator('#action_phoneContact').fill('已电话联系徐丽华，确认仓库和厂房木结构均有白蚁。');
    });
    await expect.poll(() => status(officer)).toBe('accepted');

    await officer.getByTestId('action-dispatch').click();
    await expect.poll(() => officer.getByTestId('action-confirm').isVisible()).toBe(true);
    // The lead defaults to the category's lead department.
    await expect.poll(() => officer.getByTestId('dispatch-lead').innerText()).toContain(LEAD);
    await choose(officer, 'dispatch-co', CO, '房产');
    await officer.locator('.ant-modal-title').click(); // closes the multi-select's dropdown
    await expect.poll(() => officer.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await officer.locator('#action_note').fill('请住建局牵头，房管中心白蚁防治所协办。');
    await shot(officer, 'office-dispatch', false);
    await officer.getByTestId('action-confirm').click();
    await expect.poll(() => officer.locator('.ant-modal:visible').count()).toBe(0);
    await expect.poll(() => status(officer)).toBe('dispatched');
    await expect.poll(() => officer.locator('.ant-descriptions').innerText()).toContain(CO);
    await shot(officer, 'office-dispatched');
  });

  it('住建局 signs for it, starts and answers', async () => {
    zhujian = await signIn('zhujian');
    await zhujian.getByTestId('side-menu').getByText('直通服务', { exact: true }).click();
    await expect.poll(() => zhujian.getByRole('heading', { name: '待办诉求' }).count()).toBe(1);
    const row = zhujian.locator('tr', { hasText: requestNumber });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain(LEAD);
    await shot(zhujian, 'department-list');
    await row.getByText(TITLE).click();
    await expect.poll(() => zhujian.getByTestId('action-sign').isVisible()).toBe(true);

    await act(zhujian, 'sign');
    await expect.poll(() => status(zhujian)).toBe('signed');
    await act(zhujian, 'start');
    await expect.poll(() => status(zhujian)).toBe('in_progress');
    await act(zhujian, 'answer', async () => {
      await zhujian.locator('#action_answer').fill('房管中心白蚁防治所已于当天下午上门查看，完成灭治并留下防治指导。');
    });
    await expect.poll(() => status(zhujian)).toBe('answered');
    expect(await zhujian.getByTestId('due-answer').innerText()).toContain('按时');
    await shot(zhujian, 'department-answered');
  });

  it('山河 rates the answer 满意 and the request closes, with the whole timeline', async () => {
    await shanhe.goto(`${base}${requestPath}`);
    await expect.poll(() => shanhe.getByTestId('action-rate').isVisible()).toBe(true);
    expect(await shanhe.getByTestId('request-answer').innerText()).toContain('白蚁防治所');
    await act(shanhe, 'rate', async () => {
      await shanhe.getByTestId('rate-satisfied').click();
      await shanhe.locator('#action_comment').fill('当天就来了，非常满意');
      await shot(shanhe, 'enterprise-rate', false);
    });
    await expect.poll(() => status(shanhe)).toBe('closed');
    expect(await shanhe.getByTestId('request-rating').getAttribute('data-rating')).toBe('satisfied');
    const kinds = await shanhe.getByTestId('timeline-event').evaluateAll((events) => events.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['submit', 'attach', 'accept', 'dispatch', 'sign', 'start', 'answer', 'rate_satisfied']);
    await shot(shanhe, 'enterprise-closed');
  });

  it('the statistics page counts it, with the API’s numbers', async () => {
    await officer.getByTestId('side-menu').getByText('服务统计', { exact: true }).click();
    await expect.poll(() => officer.getByTestId('kpi-received-value').innerText()).not.toBe('—');
    await expect.poll(() => officer.getByTestId('stats-chart').locator('canvas').count()).toBeGreaterThan(0);

    // The export link carries the page's own query; the JSON route answers the same query.
    const exportHref = await officer.getByTestId('stats-export').getAttribute('href');
    expect(exportHref).toMatch(/^\/api\/service-requests\/statistics\.xlsx\?/);
    const api = await statisticsOf(officer, exportHref!.split('?')[1]!);
    // The demo county has requests of its own: this one adds one received and one closed.
    expect(api.total.received).toBe(statisticsBefore.total.received + 1);
    expect(api.total.closed).toBe(statisticsBefore.total.closed + 1);
    const leadRow = (view: StatisticsTotals) => view.rows.find((r) => r.label === LEAD) ?? { received: 0, closed: 0 };
    expect(leadRow(api).received).toBe(leadRow(statisticsBefore).received + 1);
    expect(leadRow(api).closed).toBe(leadRow(statisticsBefore).closed + 1);

    expect(await officer.getByTestId('kpi-received-value').innerText()).toBe(String(api.total.received));
    expect(await officer.getByTestId('kpi-closed-value').innerText()).toBe(String(api.total.closed));
    const ranking = officer.locator('.ant-table-row', { hasText: LEAD });
    await expect.poll(() => ranking.count()).toBe(1);
    const cells = await ranking.locator('td').allInnerTexts();
    expect(cells.slice(2, 4)).toEqual([String(leadRow(api).received), String(leadRow(api).closed)]);
    await shot(officer, 'office-statistics');

    // The office can read the green-rate formula and is offered to change it.
    await expect.poll(() => officer.getByTestId('green-formula-text').innerText()).toContain('满意');
    expect(await officer.getByTestId('green-formula-edit').isVisible()).toBe(true);
  });
});
