import { requiredGrowth } from '@tiantai/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { createTestApp, errorCode, login, type Client, type TestApp } from '../../../test/harness';
import { chinaDate, chinaYear } from '../projects';
import { expectedTaskProgress, indicatorYearStatus, taskStatus } from './progress';

describe('target arithmetic', () => {
  it('needs ≈ 14.9 % a year to double in five years', () => {
    expect(requiredGrowth(21.5, 43, 5)).toBeCloseTo(0.1487, 4);
    expect(requiredGrowth(268, 400, 5)).toBeCloseTo(0.0834, 4);
    expect(requiredGrowth(100, 100, 3)).toBe(0);
    expect(requiredGrowth(0, 100, 3)).toBeNull();
    expect(requiredGrowth(100, 200, 0)).toBeNull();
  });

  it('expects a task’s progress in proportion to its days gone, on China dates', () => {
    const task = { startDate: '2026-01-01', deadline: '2026-06-30', progress: 50 };
    expect(expectedTaskProgress(task.startDate, task.deadline, '2026-03-31')).toBe(50); // 90 of 181 days
    expect(taskStatus(task, chinaDate(new Date('2026-03-31T15:59:00Z')))).toBe('on_track');
    expect(taskStatus(task, chinaDate(new Date('2026-03-31T16:00:00Z')))).toBe('behind'); // 1 April in China
    expect(taskStatus(task, '2026-06-30')).toBe('behind');
    expect(taskStatus(task, '2026-07-01')).toBe('overdue');
    expect(taskStatus({ ...task, progress: 100 }, '2026-07-01')).toBe('done');
  });

  it('compares a partial-year actual with the target × finished months / 12', () => {
    expect(indicatorYearStatus(120, 30, '2026-03')).toEqual({ status: 'on_track', expected: 30 });
    expect(indicatorYearStatus(120, 29, '2026-03')).toEqual({ status: 'behind', expected: 30 });
    expect(indicatorYearStatus(120, 121, null).status).toBe('achieved');
    expect(indicatorYearStatus(120, 119, null).status).toBe('missed');
    expect(indicatorYearStatus(null, 1, null).status).toBe('no_data');
  });
});

interface Tree {
  year: number;
  indicators: Array<{
    id: string;
    code: string;
    targetYear: number;
    targetValue: number;
    baseValue: number;
    targetNote: string;
    requiredGrowthFromBase: number;
    years: Array<{ year: number; targetValue: number; actualValue: number | null; status: string }>;
    tasks: Array<{ id: string; departmentId: string; status: string }>;
  }>;
}

describe.each(ENGINES)('targets on %s', (engine) => {
  let t: TestApp;
  let admin: Client;
  let zhujian: Client;
  let yinlun: Client;
  const year = chinaYear(new Date());
  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await login(t.app, 'admin');
    zhujian = await login(t.app, 'zhujian');
    yinlun = await login(t.app, 'yinlun');
  });
  afterAll(async () => t?.close());

  it('holds the seed’s 2025 targets with their yearly roadmap', async () => {
    const tree = (await admin.get('/api/targets?year=2025')).json<Tree>();
    const byCode = Object.fromEntries(tree.indicators.map((i) => [i.code, i]));
    expect(byCode.above_scale_output).toMatchObject({ targetYear: 2025, targetValue: 400 });
    expect(byCode.industrial_added_value).toMatchObject({ targetYear: 2025, targetValue: 160 });
    expect(byCode.industrial_investment).toMatchObject({ targetYear: 2025, targetValue: 30 });
    const digital = byCode.digital_economy!;
    expect(digital.targetValue).toBe(digital.baseValue * 2);
    expect(digital.requiredGrowthFromBase).toBeCloseTo(0.1487, 4);
    expect(digital.years.map((y) => y.year).slice(0, 6)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    expect(byCode.above_scale_output!.years.find((y) => y.year === 2025)).toMatchObject({ actualValue: 403, status: 'achieved' });
    expect(tree.indicators.every((i) => i.tasks.length === 3)).toBe(true);
  });

  it('gives this year’s tasks a status against the time-proportional expectation', async () => {
    const tasks = (await admin.get(`/api/targets/tasks?year=${year}`)).json<
      Array<{ status: string; progress: number; expectedProgress: number }>
    >();
    expect(tasks.length).toBe(12);
    for (const task of tasks) {
      if (task.progress >= 100) expect(task.status).toBe('done');
      else if (task.status === 'on_track') expect(task.progress).toBeGreaterThanOrEqual(task.expectedProgress);
    }
  });

  it('lets a department filter to its own tasks and report only on those', async () => {
    const mine = (await zhujian.get(`/api/targets/tasks?year=${year}&mine=true`)).json<
      Array<{ id: string; departmentId: string; progress: number }>
    >();
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((task) => task.departmentId === zhujian.organisationId)).toBe(true);
    const open = mine.find((task) => task.progress < 100)!;
    const reported = await zhujian.post(`/api/targets/tasks/${open.id}/reports`, { progress: 100, note: '已完成' });
    expect(reported.statusCode).toBe(201);
    expect(reported.json()).toMatchObject({ progress: 100, status: 'done' });
    expect(reported.json().reports[0]).toMatchObject({ progress: 100, note: '已完成', actorName: 'zhujian' });
    expect(errorCode(await zhujian.post(`/api/targets/tasks/${open.id}/reports`, { progress: 100, note: '再报' }))).toBe(
      'INVALID_TRANSITION',
    );
    const others = (await zhujian.get(`/api/targets/tasks?year=${year}`)).json<Array<{ id: string; departmentId: string }>>();
    const notMine = others.find((task) => task.departmentId !== zhujian.organisationId)!;
    expect((await zhujian.post(`/api/targets/tasks/${notMine.id}/reports`, { progress: 10, note: 'x' })).statusCode).toBe(403);
    expect((await zhujian.post(`/api/targets/tasks/${open.id}/reports`, { progress: 101, note: 'x' })).statusCode).toBe(400);
  });

  it('lets the county admin assign tasks and set yearly values', async () => {
    const tree = (await admin.get(`/api/targets?year=${year}`)).json<Tree>();
    const indicator = tree.indicators[0]!;
    const body = {
      indicatorId: indicator.id,
      year,
      title: '新增任务',
      departmentId: zhujian.organisationId,
      startDate: `${year}-01-01`,
      deadline: `${year}-12-31`,
    };
    const created = await admin.post('/api/targets/tasks', body);
    expect(created.statusCode).toBe(201);
    expect((await admin.post('/api/targets/tasks', { ...body, deadline: `${year - 1}-12-31` })).statusCode).toBe(400);
    expect((await zhujian.post('/api/targets/tasks', body)).statusCode).toBe(403);
    const set = await admin.request('PUT', `/api/targets/indicators/${indicator.id}/years/${year}`, {
      actualValue: 1,
      actualThrough: `${year}-01`,
    });
    expect(set.json().years.find((y: { year: number }) => y.year === year)).toMatchObject({ actualValue: 1, status: 'behind' });
    expect(
      (await admin.request('PUT', `/api/targets/indicators/${indicator.id}/years/${year}`, { actualThrough: `${year - 1}-01` })).statusCode,
    ).toBe(400);
    expect((await zhujian.request('PUT', `/api/targets/indicators/${indicator.id}/years/${year}`, { actualValue: 2 })).statusCode).toBe(
      403,
    );
  });

  it('drills from an indicator to the projects or enterprises behind it', async () => {
    const tree = (await admin.get(`/api/targets?year=${year}`)).json<Tree>();
    const investment = tree.indicators.find((i) => i.code === 'industrial_investment')!;
    const projects = (await admin.get(`/api/targets/indicators/${investment.id}/drill?year=${year}`)).json();
    expect(projects.kind).toBe('projects');
    expect(projects.items).toHaveLength(104);
    const output = tree.indicators.find((i) => i.code === 'above_scale_output')!;
    const enterprises = (await admin.get(`/api/targets/indicators/${output.id}/drill`)).json();
    expect(enterprises.kind).toBe('enterprises');
    expect(enterprises.items.length).toBeGreaterThan(20);
    expect((await yinlun.get(`/api/targets/indicators/${output.id}/drill`)).statusCode).toBe(403);
  });

  it('keeps targets from enterprises', async () => {
    expect((await yinlun.get('/api/targets')).statusCode).toBe(403);
    expect((await yinlun.get('/api/targets/tasks')).statusCode).toBe(403);
  });
});
