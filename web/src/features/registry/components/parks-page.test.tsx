// The parks page reads planned investment in one unit per column (#14 item 8): the header names it, each cell
// and the total are bare numbers in it, so 5,000 万元 never stands under 8 亿元.
import { screen, within } from '@testing-library/react';
import type { ParkView } from '@tiantai/shared';
import { describe, expect, it } from 'vitest';
import { makeUser, renderWithProviders } from '@/test/render';
import { serveApi } from '@/test/serve-api';
import { ParksPage } from './parks-page';

const park = (id: string, name: string, plannedInvestmentWan: number | null): ParkView => ({
  id,
  name,
  kind: 'park',
  towns: [],
  areaKm2: null,
  plannedInvestmentWan,
  description: null,
  enterpriseCount: 3,
  createdAt: '2026-01-05T08:00:00.000Z',
  updatedAt: '2026-01-05T08:00:00.000Z',
});

const PARKS = [
  park('p1', '苍山产业集聚区', 80_000),
  park('p2', '天成航空产业园', 120_000),
  park('p3', '坦头工业功能区', 5_000),
  park('p4', '平桥小微园', null),
];

/** The planned-investment column's header and the texts of its cells, the total last. */
async function investmentColumn(locale: 'zh-CN' | 'en') {
  serveApi({ 'GET /api/parks': () => PARKS });
  renderWithProviders(<ParksPage />, { user: makeUser('county_viewer'), locale });
  await screen.findByText('平桥小微园');
  const table = document.querySelector('table')!;
  const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
  const column = headers.findIndex((h) => /规划投资|Planned investment/.test(h));
  const rows = [...table.querySelectorAll<HTMLElement>('tbody tr.ant-table-row')];
  // The total's first cell spans name, kind and towns: its column sits two cells further left.
  const total = table.querySelector<HTMLElement>('tfoot tr')!;
  return {
    header: headers[column],
    cells: [
      ...rows.map((row) => within(row).getAllByRole('cell')[column]?.textContent),
      within(total).getAllByRole('cell')[column - 2]?.textContent,
    ],
  };
}

describe('ParksPage', () => {
  it('shows planned investment in one unit for the whole column, named in its header', async () => {
    const { header, cells } = await investmentColumn('zh-CN');
    // Most parks plan a 亿 or more: the column is in 亿元, the small park's 5,000 万元 reads 0.50.
    expect(header).toBe('规划投资（亿元）');
    expect(cells).toEqual(['8.00', '12.00', '0.50', '—', '20.50']);
  });

  it('in English, in one of ¥ M or ¥ bn', async () => {
    const { header, cells } = await investmentColumn('en');
    expect(header).toBe('Planned investment (¥ M)');
    expect(cells).toEqual(['800.00', '1,200.00', '50.00', '—', '2,050.00']);
  });
});
