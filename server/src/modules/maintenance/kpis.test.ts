// KPI formulas on a hand-built month with answers worked out by hand.
import { describe, expect, it } from 'vitest';
import { computeKpis, type KpiAsset, type KpiOrder } from './kpis';

const asset = (
  id: string,
  plant: 'A' | 'B',
  kind = 'equipment',
  designLifeShots: number | null = null,
  shots: number | null = null,
): KpiAsset => ({
  id,
  name: id,
  kind,
  plantId: plant,
  plantName: `${plant} 厂区`,
  lineId: null,
  lineName: null,
  enterpriseId: 'e1',
  designLifeShots,
  shots,
  inServiceFrom: 0,
});
const ASSETS = [
  asset('press-1', 'A'),
  asset('press-2', 'A'),
  asset('mold-1', 'B', 'mold', 100_000, 95_000),
  asset('mold-2', 'B', 'mold', 100_000, 50_000),
];

const repair = (assetId: string, start: string, end: string | null): KpiOrder => ({
  assetId,
  kind: 'repair',
  status: end ? 'accepted' : 'in_progress',
  dueAt: null,
  completedAt: end,
  downtimeStart: start,
  downtimeEnd: end,
});
const pm = (assetId: string, dueAt: string, completedAt: string | null): KpiOrder => ({
  assetId,
  kind: 'maintenance',
  status: completedAt ? 'accepted' : 'assigned',
  dueAt,
  completedAt,
  downtimeStart: null,
  downtimeEnd: null,
});

const ORDERS: KpiOrder[] = [
  repair('press-1', '2026-03-10T00:00:00Z', '2026-03-10T04:00:00Z'), // 4 h
  repair('press-1', '2026-03-20T00:00:00Z', '2026-03-20T02:00:00Z'), // 2 h
  repair('press-2', '2026-03-31T14:00:00Z', '2026-04-01T02:00:00Z'), // 2 h inside March (China time ends 31 Mar 16:00Z); ends after
  repair('press-2', '2026-02-28T10:00:00Z', '2026-02-28T20:00:00Z'), // began before March: 4 h inside, not a March failure
  pm('mold-1', '2026-03-05T00:00:00Z', '2026-03-04T08:00:00Z'), // on time
  pm('mold-2', '2026-03-15T00:00:00Z', '2026-03-16T08:00:00Z'), // late
  pm('press-1', '2026-03-25T00:00:00Z', null), // not done: late and overdue
  pm('mold-2', '2026-04-05T00:00:00Z', null), // due after March, overdue now
];

const MARCH = { from: new Date('2026-03-01T00:00:00+08:00'), to: new Date('2026-04-01T00:00:00+08:00') }; // 744 h
const NOW = new Date('2026-04-10T00:00:00Z');

describe('maintenance KPIs', () => {
  it('computes the enterprise totals for March', () => {
    const { total } = computeKpis(ASSETS, ORDERS, 'plant', MARCH, NOW);
    expect(total).toEqual({
      key: 'total',
      label: '合计',
      assets: 4,
      failures: 3, // the February repair began before March
      downtimeHours: 12, // 4 + 2 + 2 + 4, clipped to March
      mttrHours: 5.33, // repairs that ended in March: 4, 2 and 10 h
      mtbfHours: 988, // (4 × 744 − 12) ÷ 3
      availability: 0.996, // 1 − 12 ÷ 2976
      pmDue: 3,
      pmOnTime: 1,
      pmCompliance: 0.3333,
      overdue: 2,
      moldsNearEnd: 1, // mold-1 at 95 % of its design life
    });
  });

  it('groups by plant', () => {
    const { rows } = computeKpis(ASSETS, ORDERS, 'plant', MARCH, NOW);
    const byPlant = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(byPlant.A).toMatchObject({
      assets: 2,
      failures: 3,
      downtimeHours: 12,
      mtbfHours: 492,
      availability: 0.9919,
      pmDue: 1,
      pmOnTime: 0,
      overdue: 1,
    });
    expect(byPlant.B).toMatchObject({
      assets: 2,
      failures: 0,
      mtbfHours: null,
      mttrHours: null,
      availability: 1,
      pmDue: 2,
      pmCompliance: 0.5,
      overdue: 1,
      moldsNearEnd: 1,
    });
  });

  it('counts only up to now in a period that has not ended', () => {
    const { total } = computeKpis(
      ASSETS,
      [],
      'plant',
      { from: new Date('2026-04-01T00:00:00Z'), to: new Date('2026-05-01T00:00:00Z') },
      new Date('2026-04-02T00:00:00Z'),
    );
    expect(total).toMatchObject({ failures: 0, availability: 1, mtbfHours: null, pmCompliance: null });
  });

  it('counts an asset only from the day it entered service (a press 40 s old is not credited with the month)', () => {
    const now = Date.parse('2026-03-31T12:00:00Z');
    const young = { ...asset('press-new', 'A'), inServiceFrom: now - 40_000 };
    const failed = repair('press-new', new Date(now - 20_000).toISOString(), new Date(now - 10_000).toISOString());
    const { total } = computeKpis([young], [failed], 'plant', MARCH, new Date(now));
    // 40 s in service, 10 s of it down, one failure: MTBF 30 s, availability 75 % (not 47 h and 99.99 %).
    expect(total.mtbfHours).toBe(0);
    expect(total.availability).toBe(0.75);
    // An asset installed after the period has no capacity in it: no availability to report.
    const later = { ...asset('press-later', 'A'), inServiceFrom: Date.parse('2026-04-10T00:00:00Z') };
    expect(computeKpis([later], [], 'plant', MARCH, new Date('2026-04-20T00:00:00Z')).total.availability).toBeNull();
  });
});
