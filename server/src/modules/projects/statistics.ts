// The year's project statistics: the page, the export and the county screen all read this one function.
import { FIVE_YEAR_AIMS, PROJECT_INDUSTRIES, PROJECT_STAGES, SIZE_BANDS, type ProjectStatisticsView } from '@tiantai/shared';
import type { Kysely } from 'kysely';
import { withTablesOf } from '../../db/connection';
import { monthsFinished } from './china-date';
import * as repo from './projects.repository';
import type { ProjectTables } from './projects.tables';
import { projectSignal, round2 } from './signals';

interface Bucket {
  count: number;
  totalInvestmentWan: number;
  plannedYearWan: number;
  completedYearWan: number;
}
const emptyBucket = (): Bucket => ({ count: 0, totalInvestmentWan: 0, plannedYearWan: 0, completedYearWan: 0 });
const rounded = (b: Bucket): Bucket => ({
  count: b.count,
  totalInvestmentWan: round2(b.totalInvestmentWan),
  plannedYearWan: round2(b.plannedYearWan),
  completedYearWan: round2(b.completedYearWan),
});

/**
 * The year's list (百项千万): every project with a plan in `year` that is not terminated, counted by size
 * band, stage, park and industry, with its share of the year's planned investment and its signals.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function projectStatistics(anyDb: Kysely<any>, year: number, today: string): Promise<ProjectStatisticsView> {
  const db = withTablesOf<ProjectTables>(anyDb);
  const rows = (await repo.selectProjects(db, year, { onlyPlannedIn: year }).execute()).filter((r) => r.stage !== 'terminated');
  const milestones = await repo.listMilestones(
    db,
    rows.map((r) => r.id),
  );
  const byProject = new Map<string, typeof milestones>();
  for (const m of milestones) byProject.set(m.project_id, [...(byProject.get(m.project_id) ?? []), m]);

  const total = emptyBucket();
  const bands = new Map(SIZE_BANDS.map((b) => [b.key, emptyBucket()]));
  const stages = new Map(PROJECT_STAGES.map((s) => [s, emptyBucket()]));
  const industries = new Map(PROJECT_INDUSTRIES.map((s) => [s, emptyBucket()]));
  const parks = new Map<string, Bucket & { parkId: string | null; parkName: string | null }>();
  const signals = { green: 0, yellow: 0, red: 0 };
  const add = (b: Bucket, r: (typeof rows)[number]) => {
    b.count++;
    b.totalInvestmentWan += r.total_investment_wan;
    b.plannedYearWan += Number(r.planned_wan ?? 0);
    b.completedYearWan += Number(r.completed_wan ?? 0);
  };
  for (const r of rows) {
    add(total, r);
    for (const band of SIZE_BANDS) if (r.total_investment_wan >= band.minWan) add(bands.get(band.key)!, r);
    add(stages.get(r.stage)!, r);
    add(industries.get(r.industry)!, r);
    const parkKey = r.park_id ?? '';
    if (!parks.has(parkKey)) parks.set(parkKey, { ...emptyBucket(), parkId: r.park_id, parkName: r.park_name });
    add(parks.get(parkKey)!, r);
    const signal = projectSignal(
      {
        stage: r.stage,
        planYear: year,
        plannedYearWan: Number(r.planned_wan ?? 0),
        completedYearWan: Number(r.completed_wan ?? 0),
        milestones: (byProject.get(r.id) ?? []).map((m) => ({
          id: m.id,
          name: m.name,
          plannedDate: m.planned_date,
          actualDate: m.actual_date,
        })),
      },
      today,
    );
    if (signal.colour) signals[signal.colour]++;
  }

  const monthly = await repo.monthlyInvestments(db, year);
  const signed = await repo.signedInYear(db, year);
  return {
    year,
    today,
    total: rounded(total),
    bands: SIZE_BANDS.map((b) => {
      const bucket = bands.get(b.key)!;
      return {
        band: b.key,
        ...rounded(bucket),
        shareOfYearPlan: total.plannedYearWan > 0 ? bucket.plannedYearWan / total.plannedYearWan : 0,
      };
    }),
    byStage: PROJECT_STAGES.filter((s) => s !== 'terminated').map((stage) => ({ stage, ...rounded(stages.get(stage)!) })),
    byPark: [...parks.values()]
      .map((p) => ({ ...rounded(p), parkId: p.parkId, parkName: p.parkName }))
      .sort((a, b) => b.plannedYearWan - a.plannedYearWan),
    byIndustry: PROJECT_INDUSTRIES.map((industry) => ({ industry, ...rounded(industries.get(industry)!) })).filter((i) => i.count > 0),
    signals,
    monthly: monthly.map((m) => ({ month: m.month, completedWan: round2(Number(m.total)) })),
    expectedShare: monthsFinished(year, today) / 12,
    aims: {
      signedGe100m: signed.filter((s) => s.total_investment_wan >= 10_000).length,
      signedGe1bn: signed.filter((s) => s.total_investment_wan >= 100_000).length,
      aimGe100m: FIVE_YEAR_AIMS.signedGe100m,
      aimGe1bn: FIVE_YEAR_AIMS.signedGe1bn,
    },
  };
}

/** 亿元 with two decimals, as the county writes it: 115800 万 → "11.58亿". */
export function yi(wan: number): string {
  return `${(wan / 10_000).toFixed(2)}亿`;
}

/** The projects behind the year's investment figure (drill-down from the industrial-investment target). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function yearProjectList(anyDb: Kysely<any>, year: number) {
  const db = withTablesOf<ProjectTables>(anyDb);
  const rows = await repo.selectProjects(db, year, { onlyPlannedIn: year }).execute();
  return rows
    .filter((r) => r.stage !== 'terminated')
    .map((r) => ({
      id: r.id,
      name: r.name,
      investorName: r.enterprise_name ?? r.investor_name ?? '',
      parkName: r.park_name,
      plannedWan: Number(r.planned_wan ?? 0),
      completedWan: round2(Number(r.completed_wan ?? 0)),
    }))
    .sort((a, b) => b.completedWan - a.completedWan);
}
