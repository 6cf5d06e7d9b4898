import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { createTestApp, errorCode, login, type Client, type TestApp } from '../../../test/harness';
import { chinaDate, chinaYear } from './china-date';
import { yi } from './statistics';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface ProjectItem {
  id: string;
  name: string;
  stage: string;
  enterpriseId: string | null;
  responsibleDepartmentId: string | null;
  totalInvestmentWan: number;
  signal: { colour: string | null };
}

async function sheet(rows: Array<Array<string | number>>, headers: string[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('项目');
  ws.addRow(headers);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe.each(ENGINES)('projects on %s', (engine) => {
  let t: TestApp;
  let admin: Client;
  let yinlun: Client;
  let shanhe: Client;
  let zhujian: Client;
  const year = chinaYear(new Date());
  const thisMonth = chinaDate(new Date()).slice(0, 7);

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await login(t.app, 'admin');
    yinlun = await login(t.app, 'yinlun');
    shanhe = await login(t.app, 'shanhe');
    zhujian = await login(t.app, 'zhujian');
  });
  afterAll(async () => t?.close());

  const all = async (c: Client, query = '') =>
    (await c.get(`/api/projects?pageSize=500${query}`)).json<{ items: ProjectItem[]; total: number }>();
  const byName = async (name: string) => (await all(admin, `&q=${encodeURIComponent(name)}`)).items.find((p) => p.name === name)!;

  it('the demo reproduces the seed: 104 projects ≥ 10 M, 55 ≥ 100 M planning 11.58亿 = 66.48% of the year', async () => {
    // The same endpoint (and function) the statistics page reads.
    const stats = (await admin.get(`/api/projects/statistics?year=${year}`)).json();
    const ge10m = stats.bands.find((b: { band: string }) => b.band === 'ge10m');
    const ge100m = stats.bands.find((b: { band: string }) => b.band === 'ge100m');
    const share = `${(ge100m.shareOfYearPlan * 100).toFixed(2)}%`;
    console.log(
      `[${engine}] ${year}: ${ge10m.count} projects ≥ 10 M, ${ge100m.count} ≥ 100 M planning ${yi(ge100m.plannedYearWan)} = ${share} of ${yi(stats.total.plannedYearWan)}`,
    );
    expect(ge10m.count).toBe(104);
    expect(ge100m.count).toBe(55);
    expect(yi(ge100m.plannedYearWan)).toBe('11.58亿');
    expect(share).toBe('66.48%');
    expect(stats.total.count).toBe(104);
    expect(stats.bands.find((b: { band: string }) => b.band === 'ge1bn').count).toBe(3);
    expect(stats.byStage.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(104);
    expect(stats.byPark.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(104);
    expect(stats.byIndustry.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(104);
    expect(stats.signals.green + stats.signals.yellow + stats.signals.red).toBeGreaterThan(90);
    expect(stats.signals.red).toBeGreaterThan(0);
    expect(stats.aims).toMatchObject({ signedGe100m: 6, signedGe1bn: 2, aimGe100m: 5, aimGe1bn: 3 });
    // Terminated and negotiating projects stay outside the year's figures.
    expect((await all(admin, '&stage=terminated')).total).toBe(2);
    expect((await all(admin, '&stage=negotiating')).total).toBe(6);
  });

  it('moves a project only along the transition table', async () => {
    const created = await admin.post('/api/projects', {
      name: '测试新材料项目',
      investorName: '浙江测试新材料有限公司',
      industry: 'new_materials',
      totalInvestmentWan: 12_000,
      plannedYearWan: 3_000,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({
      stage: 'negotiating',
      allowedStages: ['signed', 'terminated'],
      planYear: year,
      plannedYearWan: 3000,
    });
    const move = (to: string, extra: object = {}) => admin.post(`/api/projects/${id}/transitions`, { to, ...extra });

    const skip = await move('started');
    expect(skip.statusCode).toBe(409);
    expect(errorCode(skip)).toBe('INVALID_TRANSITION');
    expect((await move('signed')).json().stage).toBe('signed');
    expect((await move('landed')).json().stage).toBe('landed');
    const back = await move('signed');
    expect(errorCode(back)).toBe('INVALID_TRANSITION');
    const started = (await move('started')).json();
    expect(started).toMatchObject({ stage: 'started', startedOn: chinaDate(new Date()) });
    expect(started.stageEvents.map((e: { toStage: string }) => e.toStage)).toEqual(['negotiating', 'signed', 'landed', 'started']);

    expect(errorCode(await move('terminated'))).toBe('VALIDATION_FAILED'); // a reason is required
    expect((await admin.get(`/api/projects/${id}`)).json().stage).toBe('started'); // nothing written
    const ended = await move('terminated', { reason: '投资方撤资' });
    expect(ended.json()).toMatchObject({ stage: 'terminated', terminatedReason: '投资方撤资', allowedStages: [] });
    expect(errorCode(await move('producing'))).toBe('INVALID_TRANSITION');
    expect(errorCode(await admin.request('PUT', `/api/projects/${id}/investments/${thisMonth}`, { amountWan: 1 }))).toBe(
      'INVALID_TRANSITION',
    );
    expect(errorCode(await move('nonsense'))).toBe('VALIDATION_FAILED');
    // The same name twice is a duplicate, not a crash.
    const again = await admin.post('/api/projects', {
      name: '测试新材料项目',
      investorName: 'x',
      industry: 'other',
      totalInvestmentWan: 1,
    });
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('DUPLICATE');
    expect(errorCode(await admin.post('/api/projects', { name: '无投资方', industry: 'other', totalInvestmentWan: 1 }))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('lets only one of two simultaneous moves through', async () => {
    const id = (
      await admin.post('/api/projects', { name: '并发测试项目', investorName: 'x', industry: 'other', totalInvestmentWan: 1000 })
    ).json().id as string;
    const results = await Promise.all([
      admin.post(`/api/projects/${id}/transitions`, { to: 'signed' }),
      admin.post(`/api/projects/${id}/transitions`, { to: 'signed' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const events = (await admin.get(`/api/projects/${id}`)).json().stageEvents as Array<{ toStage: string }>;
    expect(events.filter((e) => e.toStage === 'signed')).toHaveLength(1);
  });

  it('lets an enterprise report its own project’s progress, not move it, and not see others', async () => {
    const own = (await all(yinlun)).items;
    expect(own.length).toBeGreaterThanOrEqual(2);
    expect(own.every((p) => p.enterpriseId === yinlun.organisationId)).toBe(true);
    const project = own.find((p) => p.name === '银轮机械新能源汽车热管理系统产业化项目')!;

    const before = (await yinlun.get(`/api/projects/${project.id}`)).json();
    expect(before).toMatchObject({ canReportProgress: true, canEdit: false, allowedStages: [] });
    const recorded = await yinlun.request('PUT', `/api/projects/${project.id}/investments/${thisMonth}`, { amountWan: 888 });
    expect(recorded.statusCode).toBe(200);
    expect(recorded.json().investments.find((i: { month: string }) => i.month === thisMonth).amountWan).toBe(888);
    expect((await yinlun.request('PUT', `/api/projects/${project.id}/investments/2999-01`, { amountWan: 1 })).statusCode).toBe(400);
    expect((await yinlun.request('PUT', `/api/projects/${project.id}/investments/2026-13`, { amountWan: 1 })).statusCode).toBe(400);
    expect((await yinlun.patch(`/api/projects/${project.id}`, { actualOutputWan: 5000 })).statusCode).toBe(200);
    expect((await yinlun.patch(`/api/projects/${project.id}`, { totalInvestmentWan: 1 })).statusCode).toBe(403);
    expect((await yinlun.post(`/api/projects/${project.id}/transitions`, { to: 'producing' })).statusCode).toBe(403);

    const milestone = before.milestones.find((m: { actualDate: string | null }) => m.actualDate === null);
    const today = chinaDate(new Date());
    const done = await yinlun.patch(`/api/projects/${project.id}/milestones/${milestone.id}`, { actualDate: today });
    expect(done.json().milestones.find((m: { id: string }) => m.id === milestone.id).actualDate).toBe(today);
    expect((await yinlun.patch(`/api/projects/${project.id}/milestones/${milestone.id}`, { plannedDate: today })).statusCode).toBe(403);

    // Another enterprise: 404 on read and on every write.
    expect((await shanhe.get(`/api/projects/${project.id}`)).statusCode).toBe(404);
    expect((await shanhe.request('PUT', `/api/projects/${project.id}/investments/${thisMonth}`, { amountWan: 1 })).statusCode).toBe(404);
    expect((await all(shanhe)).items.every((p) => p.enterpriseId === shanhe.organisationId)).toBe(true);
    expect((await shanhe.get('/api/projects/statistics')).statusCode).toBe(403);
  });

  it('shows a department only the projects it is responsible for, and lets it move them', async () => {
    const mine = (await all(zhujian)).items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((p) => p.responsibleDepartmentId === zhujian.organisationId)).toBe(true);
    const landed = mine.find((p) => p.name === '银轮机械商用车冷却模块扩产项目')!;
    expect(landed.stage).toBe('landed');
    const other = (await all(admin)).items.find((p) => p.responsibleDepartmentId !== zhujian.organisationId)!;
    expect((await zhujian.get(`/api/projects/${other.id}`)).statusCode).toBe(404);
    const moved = await zhujian.post(`/api/projects/${landed.id}/transitions`, { to: 'started' });
    expect(moved.json().stage).toBe('started');
  });

  it('records investment and the statistics page changes', async () => {
    const target = (await all(admin, `&stage=landed&year=${year}`)).items[0]!;
    const stats = async () => (await admin.get(`/api/projects/statistics?year=${year}`)).json();
    const before = await stats();
    const startedBefore = before.byStage.find((s: { stage: string }) => s.stage === 'started').count;
    await admin.post(`/api/projects/${target.id}/transitions`, { to: 'started' });
    const detail = (await admin.get(`/api/projects/${target.id}`)).json();
    const current = detail.investments.find((i: { month: string }) => i.month === thisMonth)?.amountWan ?? 0;
    await admin.request('PUT', `/api/projects/${target.id}/investments/${thisMonth}`, { amountWan: current + 500 });
    const after = await stats();
    expect(after.byStage.find((s: { stage: string }) => s.stage === 'started').count).toBe(startedBefore + 1);
    expect(after.total.completedYearWan).toBeCloseTo(before.total.completedYearWan + 500, 2);
    expect(after.monthly.find((m: { month: string }) => m.month === thisMonth).completedWan).toBeCloseTo(
      (before.monthly.find((m: { month: string }) => m.month === thisMonth)?.completedWan ?? 0) + 500,
      2,
    );
  });

  it('lists the watch lists: not started, stalled, below the promise per mu', async () => {
    const lists = (await admin.get('/api/projects/watchlists')).json();
    expect(lists.notStarted.length).toBeGreaterThan(0);
    expect(lists.notStarted.every((p: { stage: string }) => p.stage === 'signed' || p.stage === 'landed')).toBe(true);
    expect(lists.belowPromise.every((p: { stage: string }) => p.stage === 'producing' || p.stage === 'at_capacity')).toBe(true);
    expect(Array.isArray(lists.stalled)).toBe(true);
  });

  it('files a service request for a project and links it', async () => {
    const project = (await all(shanhe)).items[0]!;
    const res = await shanhe.post(`/api/projects/${project.id}/service-requests`, {
      categoryCode: 'construction',
      title: '厂房施工许可咨询',
      description: '技改项目新建厂房，咨询施工许可办理',
      contactName: '徐丽华',
      contactPhone: '13800000000',
    });
    expect(res.statusCode).toBe(201);
    const linked = res.json().serviceRequests;
    expect(linked).toHaveLength(1);
    expect(linked[0].title).toContain('厂房施工许可咨询');
    expect((await shanhe.get(`/api/service-requests/${linked[0].id}`)).statusCode).toBe(200);
    const yinlunProject = (await all(yinlun)).items[0]!;
    expect(
      (
        await shanhe.post(`/api/projects/${yinlunProject.id}/service-requests`, {
          categoryCode: 'construction',
          title: 'x',
          description: 'x',
          contactName: 'x',
          contactPhone: '1',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await admin.post(`/api/projects/${project.id}/service-requests`, {
          categoryCode: 'construction',
          title: 'x',
          description: 'x',
          contactName: 'x',
          contactPhone: '1',
        })
      ).statusCode,
    ).toBe(403);
  });

  describe('Excel', () => {
    const headers = ['项目名称', '业主单位', '园区', '产业', '阶段', '总投资(万元)', '计划年度', '年度计划投资(万元)', '责任单位'];
    const count = async () => (await all(admin)).total;

    it('rejects a sheet with bad rows, reporting each, and imports none of it', async () => {
      const before = await count();
      const file = await sheet(
        [
          ['好项目甲', '银轮机械股份有限公司', '苍山产业集聚区', '汽车零部件', '签约', 20000, year, 5000, '经信局'],
          ['坏项目乙', '新投资人', '不存在园区', '新材料', '开工', 'abc', year, 1000, '经信局'],
          ['坏项目丙', '新投资人', '', '不知道', '半路', 3000, year, 1000, '无此单位'],
          ['好项目甲', '银轮机械股份有限公司', '', '汽车零部件', '洽谈', 2000, year, 100, ''],
        ],
        headers,
      );
      const res = await admin.request('POST', '/api/projects/import', file, { 'content-type': XLSX_MIME });
      expect(res.statusCode).toBe(422);
      expect(errorCode(res)).toBe('IMPORT_INVALID_ROWS');
      const details = res.json().error.details as Array<{ row: number; column: string; problem: string }>;
      expect(details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ row: 3, column: '园区', problem: 'UNKNOWN_PARK' }),
          expect.objectContaining({ row: 3, column: '总投资(万元)', problem: 'BAD_FORMAT' }),
          expect.objectContaining({ row: 4, column: '产业', problem: 'INVALID' }),
          expect.objectContaining({ row: 4, column: '阶段', problem: 'INVALID' }),
          expect.objectContaining({ row: 4, column: '责任单位', problem: 'INVALID' }),
          expect.objectContaining({ row: 5, column: '项目名称', problem: 'DUPLICATE_IN_SHEET' }),
        ]),
      );
      expect(details.some((d) => d.row === 2)).toBe(false);
      expect(await count()).toBe(before);
      expect(await byName('好项目甲')).toBeUndefined();
    });

    it('reports a header it does not know as a problem of row 0 instead of dropping the column', async () => {
      const before = await count();
      const file = await sheet([['表头项目', '新投资人', '', '新材料', '洽谈', 3000, year, 100, '经信局', '张三']], [...headers, '联系人']);
      const res = await admin.request('POST', '/api/projects/import', file, { 'content-type': XLSX_MIME });
      expect([res.statusCode, errorCode(res)]).toEqual([422, 'IMPORT_INVALID_ROWS']);
      expect(res.json().error.details).toEqual([expect.objectContaining({ row: 0, column: '联系人', problem: 'UNKNOWN_COLUMN' })]);
      expect(await count()).toBe(before);
    });

    it('imports new rows and updates existing ones by name; exports the list', async () => {
      const before = await count();
      const file = await sheet(
        [
          ['导入项目甲', '银轮机械股份有限公司', '苍山产业集聚区', '汽车零部件', '签约', 20000, year, 5000, '经信局'],
          ['导入项目乙', '外地新投资人有限公司', '', '新材料', '洽谈', 3000, '', '', '投促中心'],
        ],
        headers,
      );
      const res = await admin.request('POST', '/api/projects/import', file, { 'content-type': XLSX_MIME });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ created: 2, updated: 0 });
      expect(await count()).toBe(before + 2);
      const a = await byName('导入项目甲');
      expect(a).toMatchObject({ stage: 'signed', enterpriseId: yinlun.organisationId, totalInvestmentWan: 20000 });
      expect((await yinlun.get(`/api/projects/${a.id}`)).statusCode).toBe(200); // the enterprise sees its imported project

      const again = await sheet(
        [['导入项目甲', '银轮机械股份有限公司', '苍山产业集聚区', '汽车零部件', '落地', 21000, year, 6000, '经信局']],
        headers,
      );
      expect((await admin.request('POST', '/api/projects/import', again, { 'content-type': XLSX_MIME })).json()).toEqual({
        created: 0,
        updated: 1,
      });
      expect(await byName('导入项目甲')).toMatchObject({ stage: 'landed', totalInvestmentWan: 21000 });

      const exported = await admin.get(`/api/projects/export.xlsx?year=${year}`);
      expect(exported.headers['content-type']).toBe(XLSX_MIME);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
      const ws = workbook.worksheets[0]!;
      expect(ws.getRow(1).getCell(1).value).toBe('项目名称');
      expect(ws.rowCount - 1).toBe(await count());
      expect(
        (await admin.request('POST', '/api/projects/import', Buffer.from('not a workbook'), { 'content-type': XLSX_MIME })).json().error
          .code,
      ).toBe('IMPORT_BAD_FILE');
      expect((await yinlun.request('POST', '/api/projects/import', file, { 'content-type': XLSX_MIME })).statusCode).toBe(403);
    });
  });
});
