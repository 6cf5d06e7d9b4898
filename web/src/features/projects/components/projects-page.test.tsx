import { screen, waitFor } from '@testing-library/react';
import type { ProjectView } from '@tiantai/shared';
import { describe, expect, it } from 'vitest';
import { makeUser, renderWithProviders } from '@/test/render';
import { serveApi } from '@/test/serve-api';
import { ProjectsPage } from './projects-page';

const project = (id: string, name: string, totalInvestmentWan: number, plannedYearWan: number, completedYearWan: number): ProjectView => ({
  id,
  name,
  enterpriseId: null,
  investorName: `${name}业主`,
  parkId: null,
  parkName: null,
  industry: 'equipment',
  stage: 'started',
  terminatedReason: null,
  totalInvestmentWan,
  planYear: 2026,
  plannedYearWan,
  completedYearWan,
  landMu: null,
  promisedOutputPerMuWan: null,
  promisedTaxPerMuWan: null,
  actualOutputWan: null,
  actualTaxWan: null,
  outputPerMuWan: null,
  taxPerMuWan: null,
  jobs: null,
  responsibleDepartmentId: null,
  responsibleDepartmentName: null,
  responsiblePerson: null,
  description: null,
  signedOn: null,
  startedOn: null,
  producingOn: null,
  signal: { colour: 'green', reasons: [] },
  createdAt: '2026-01-05T08:00:00.000Z',
  updatedAt: '2026-01-05T08:00:00.000Z',
});

// Amounts on both sides of 1 亿 (10,000 万) in every column: formatWan would write 8,000 万元 above 1.2 亿元.
const PROJECTS = [
  project('p1', '汽车零部件扩产', 8_000, 3_000, 1_200),
  project('p2', '冷却模块新建', 12_000, 6_000, 2_500),
  project('p3', '智能工厂', 250_000, 15_000, 9_000),
];

function renderPage(locale: 'zh-CN' | 'en' = 'zh-CN', route = '/projects') {
  serveApi({
    'GET /api/projects': () => ({ items: PROJECTS, total: PROJECTS.length, page: 1, pageSize: 20 }),
    'GET /api/parks': () => [],
  });
  renderWithProviders(<ProjectsPage />, { user: makeUser('county_admin'), route, locale });
}

/** The header and the cells of the table's column whose header starts with `title`. */
function column(title: string): { header: string; cells: string[] } {
  const table = screen.getByTestId('projects-table');
  const headers = [...table.querySelectorAll('thead th')];
  const index = headers.findIndex((th) => th.textContent?.startsWith(title));
  expect(index, title).toBeGreaterThanOrEqual(0);
  const rows = [...table.querySelectorAll('tbody tr.ant-table-row')];
  return { header: headers[index]!.textContent ?? '', cells: rows.map((row) => row.querySelectorAll('td')[index]?.textContent ?? '') };
}

describe('the project list writes each money column in one unit', { timeout: 30_000 }, () => {
  it('carries the unit in the header and a bare number in each cell', async () => {
    renderPage();
    await waitFor(() => expect(screen.getAllByText('汽车零部件扩产').length).toBeGreaterThan(0));
    const total = column('总投资');
    expect(total.header).toBe('总投资（亿元）');
    expect(total.cells).toEqual(['0.80', '1.20', '25.00']);
    const planned = column('年度计划投资');
    expect(planned.header).toBe('年度计划投资（万元）');
    expect(planned.cells).toEqual(['3,000', '6,000', '15,000']);
    const completed = column('年度已完成投资');
    expect(completed.header).toBe('年度已完成投资（万元）');
    expect(completed.cells).toEqual(['1,200 (40%)', '2,500 (42%)', '9,000 (60%)']);
    // No cell names a unit of its own, so no column mixes 万元 and 亿元.
    for (const cell of [...total.cells, ...planned.cells, ...completed.cells]) expect(cell).not.toMatch(/万|亿/);
  });

  it('in English: ¥ M or ¥ bn per column', async () => {
    renderPage('en');
    await waitFor(() => expect(screen.getAllByText('汽车零部件扩产').length).toBeGreaterThan(0));
    const total = column('Total investment');
    expect(total.header).toBe('Total investment (¥ M)');
    expect(total.cells).toEqual(['80.00', '120.00', '2,500.00']);
  });
});

describe('the project list to a screen reader', { timeout: 30_000 }, () => {
  it('names each filter by the words its placeholder shows', async () => {
    renderPage();
    await waitFor(() => expect(screen.getAllByText('汽车零部件扩产').length).toBeGreaterThan(0));
    expect(screen.getByRole('textbox', { name: '搜索项目或业主单位' })).toBeTruthy();
    for (const name of ['阶段', '园区', '产业', '规模', '亮灯']) expect(screen.getByRole('combobox', { name })).toBeTruthy();
  });

  it('lets the keyboard reach the board and each of its columns, which scroll', async () => {
    renderPage('zh-CN', '/projects?view=board');
    const board = await screen.findByRole('region', { name: '看板' });
    expect(board.tabIndex).toBe(0);
    const started = await screen.findByRole('region', { name: '开工 3' });
    expect(started.tabIndex).toBe(0);
    expect(started.textContent).toContain('智能工厂');
    expect(screen.getByRole('region', { name: '洽谈 0' }).tabIndex).toBe(0);
  });
});
