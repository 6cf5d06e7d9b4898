// Projects end to end in a real browser: the county admin opens the year's statistics, finds a landed
// project in the pipeline, moves it to 开工 and records this month's investment, and the statistics page
// counts one more project under construction and the new investment; the admin edits the profile. A
// department then opens its own tasks in the responsibility table, and the enterprise reports its figures.
import { countyDateTime, type ProjectDetailView, type ProjectStatisticsView } from '@tiantai/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../server/test/engines';
import { BrowserSuite, DESKTOP, HAS_BROWSER } from './browser';

const PROJECT = '银轮机械商用车冷却模块扩产项目';
const AMOUNT = 1234;

describe.runIf(HAS_BROWSER).each(ENGINES)('investment projects in Chromium on %s', (engine) => {
  const suite = new BrowserSuite(engine, 'pj');
  const { signIn } = suite;
  /** Screenshots once the page has settled: no table or card still fetching. */
  const shot = async (page: Page, name: string, fullPage = true) => {
    await expect.poll(() => page.locator('.ant-spin-spinning, .ant-card-loading-content').count()).toBe(0);
    await suite.shot(page, name, fullPage);
  };
  let base: string;
  let admin: Page;
  let before: ProjectStatisticsView;
  let projectPath: string;

  const statsOf = (page: Page) =>
    page.evaluate(async () => (await (await fetch('/api/projects/statistics')).json()) as ProjectStatisticsView);
  const startedOf = (s: ProjectStatisticsView) => s.byStage.find((b) => b.stage === 'started')!.count;

  beforeAll(async () => {
    await suite.start();
    base = suite.base;
  });
  afterAll(suite.stop);

  it('the county admin opens the year’s statistics: 104 projects, 55 ≥ 100 M, 66.48 %', async () => {
    admin = await signIn('admin');
    await admin.getByTestId('side-menu').getByText('项目统计', { exact: true }).click();
    await expect.poll(() => admin.getByTestId('band-ge100m').isVisible()).toBe(true);
    expect(await admin.getByTestId('band-ge10m').textContent()).toContain('104');
    const band = await admin.getByTestId('band-ge100m').textContent();
    expect(band).toContain('55');
    expect(band).toContain('11.58 亿元');
    expect(band).toContain('66.48%');
    before = await statsOf(admin);
    await shot(admin, 'statistics-before');
  });

  it('finds a landed project in the pipeline, on the board and in the table', async () => {
    await admin.getByTestId('side-menu').getByText('投资项目', { exact: true }).click();
    await expect.poll(() => admin.getByTestId('projects-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(5);
    await shot(admin, 'pipeline-table', false);
    await admin.getByTestId('projects-view').getByText('看板').click();
    // The board shows every project of the pipeline; the landed column holds the project.
    await expect.poll(async () => (await admin.getByTestId('board-landed').textContent()) ?? '').toContain(PROJECT);
    await shot(admin, 'pipeline-board', false);
    await admin.getByTestId('projects-view').getByText('列表').click();
    await expect.poll(() => admin.getByTestId('projects-table').isVisible()).toBe(true);
    await admin.getByTestId('projects-search').fill('冷却模块扩产');
    await admin.getByTestId('projects-search').press('Enter');
    const row = admin.getByTestId('projects-table').locator('tr', { hasText: PROJECT });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('落地');
    await row.getByText(PROJECT).click();
    await expect.poll(() => admin.getByTestId('move-started').isVisible()).toBe(true);
    projectPath = new URL(admin.url()).pathname;
    await shot(admin, 'project-landed');
  });

  it('moves it to 开工 and records this month’s investment', async () => {
    await admin.getByTestId('move-started').click();
    await expect.poll(() => admin.getByTestId('move-producing').isVisible()).toBe(true);
    const id = decodeURIComponent(projectPath.split('/').pop()!);
    const detail = () =>
      admin.evaluate(async (projectId) => (await (await fetch(`/api/projects/${projectId}`)).json()) as ProjectDetailView, id);
    expect((await detail()).stage).toBe('started');

    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const previous = (await detail()).investments.find((i) => i.month === month)?.amountWan ?? 0;
    await admin.getByTestId('investment-amount').fill(String(previous + AMOUNT));
    await admin.getByTestId('investment-save').click();
    await expect.poll(async () => (await detail()).investments.find((i) => i.month === month)?.amountWan).toBe(previous + AMOUNT);
    await shot(admin, 'project-started');
  });

  it("shows the move at the county's time in a browser on UTC", async () => {
    // The same admin in a browser whose zone is UTC: the history still reads Beijing time.
    const context = await admin.context().browser()!.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'UTC' });
    try {
      await context.addCookies(await admin.context().cookies());
      const abroad = await context.newPage();
      await abroad.goto(`${base}${projectPath}`);
      expect(await abroad.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('UTC');
      const moved = (await detailOf(abroad)).stageEvents.find((e) => e.toStage === 'started')!;
      const history = abroad.locator('.ant-timeline');
      await expect.poll(async () => (await history.textContent()) ?? '').toContain(countyDateTime(moved.at, 'Asia/Shanghai'));
      expect(await history.textContent()).not.toContain(countyDateTime(moved.at, 'UTC'));
    } finally {
      await context.close();
    }
  });

  const detailOf = (page: Page) =>
    page.evaluate(
      async (projectId) => (await (await fetch(`/api/projects/${projectId}`)).json()) as ProjectDetailView,
      decodeURIComponent(projectPath.split('/').pop()!),
    );

  it('the county admin edits the profile: the promised output per mu', async () => {
    await admin.getByTestId('project-edit').click();
    await expect.poll(() => admin.getByTestId('project-form-submit').isVisible()).toBe(true);
    expect(await admin.locator('#project_name').inputValue()).toBe(PROJECT);
    await admin.locator('#project_promisedOutputPerMuWan').fill('520');
    await shot(admin, 'project-edit', false);
    await admin.getByTestId('project-form-submit').click();
    await expect.poll(async () => (await detailOf(admin)).promisedOutputPerMuWan).toBe(520);
    expect((await detailOf(admin)).name).toBe(PROJECT); // what was not touched stays
  });

  it('the statistics page counts one more project under construction and the new investment', async () => {
    await admin.goto(`${base}/projects/statistics`);
    await expect.poll(() => admin.getByTestId('stage-table').isVisible()).toBe(true);
    const after = await statsOf(admin);
    expect(startedOf(after)).toBe(startedOf(before) + 1);
    expect(after.total.completedYearWan).toBeCloseTo(before.total.completedYearWan + AMOUNT, 2);
    const startedRow = admin.getByTestId('stage-table').locator('tr', { hasText: '开工' });
    await expect.poll(async () => (await startedRow.locator('td').nth(1).textContent())?.trim()).toBe(String(startedOf(after)));
    await shot(admin, 'statistics-after');
    // The same page in English.
    await admin.getByTestId('lang-switch').click();
    await expect.poll(async () => (await admin.getByTestId('band-ge100m').textContent()) ?? '').toContain('Projects ≥ ¥100 M');
    await shot(admin, 'statistics-english', false);
    await admin.getByTestId('lang-switch').click();
    await expect.poll(async () => (await admin.getByTestId('band-ge100m').textContent()) ?? '').toContain('亿元以上项目');
  });

  it('shows the target tree, and a department its own tasks in the responsibility table', async () => {
    await admin.getByTestId('side-menu').getByText('目标树', { exact: true }).click();
    await expect.poll(() => admin.getByTestId('indicator-digital_economy').isVisible()).toBe(true);
    expect(await admin.getByTestId('indicator-digital_economy').textContent()).toContain('14.9%');
    await shot(admin, 'target-tree');
    // The county admin edits a year of the roadmap from the tree.
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    await admin
      .getByTestId('indicator-digital_economy')
      .locator('tr.ant-table-row', { hasText: String(year) })
      .first()
      .click();
    await expect.poll(() => admin.locator('.ant-modal:visible').count()).toBe(1);
    expect(await admin.locator('.ant-modal:visible').textContent()).toContain(`${year} 年目标与实绩`);
    await shot(admin, 'roadmap-year-dialog', false);
    await admin.keyboard.press('Escape');
    await expect.poll(() => admin.locator('.ant-modal:visible').count()).toBe(0);

    const zhujian = await signIn('zhujian');
    await zhujian.getByTestId('side-menu').getByText('责任表', { exact: true }).click();
    await expect.poll(() => zhujian.getByTestId('tasks-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    const rows = await zhujian.getByTestId('tasks-table').locator('tbody tr.ant-table-row').allTextContents();
    expect(rows.every((r) => r.includes('县住房和城乡建设局'))).toBe(true);
    await shot(zhujian, 'responsibility-mine');
  });

  it('an enterprise sees only its own projects and reports their progress', async () => {
    const yinlun = await signIn('yinlun');
    await yinlun.getByTestId('side-menu').getByText('投资项目', { exact: true }).click();
    await expect.poll(() => yinlun.getByTestId('projects-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    const investors = await yinlun.getByTestId('projects-table').locator('tbody tr.ant-table-row td:nth-child(2)').allTextContents();
    expect(new Set(investors)).toEqual(new Set(['银轮机械股份有限公司']));
    await shot(yinlun, 'enterprise-own-projects', false);
    await yinlun.getByTestId('projects-table').getByText(PROJECT).click();
    await expect.poll(() => yinlun.getByTestId('investment-save').isVisible()).toBe(true);
    expect(await yinlun.getByTestId('move-producing').count()).toBe(0); // an enterprise does not move stages
    await shot(yinlun, 'enterprise-project');

    // Its own figures only: the form has no profile fields, and what it sends is stored.
    await yinlun.getByTestId('project-edit').click();
    await expect.poll(() => yinlun.getByTestId('project-form-submit').isVisible()).toBe(true);
    expect(await yinlun.locator('#project_name').count()).toBe(0);
    await yinlun.locator('#project_actualOutputWan').fill('8800');
    await yinlun.locator('#project_jobs').fill('260');
    await shot(yinlun, 'enterprise-figures', false);
    await yinlun.getByTestId('project-form-submit').click();
    await expect.poll(async () => (await detailOf(yinlun)).actualOutputWan).toBe(8800);
    expect((await detailOf(yinlun)).jobs).toBe(260);
  });
});
