// Maintenance KPIs from work-order history, one function for every grouping so the page, a screen and the
// county roll-up read the same numbers.
//   failures      repair orders whose downtime began in the period
//   MTTR          mean hours from downtime start to end, over repairs that ended in the period
//   availability  1 − downtime ÷ capacity, downtime clipped to the period (open repairs count to now)
//   MTBF          (capacity − downtime) ÷ failures
//   capacity      the hours of the period each asset was in service (from its installation, else its registration)
//   PM compliance maintenance orders due in the period completed by their due time ÷ those due (cancelled ones not counted)
//   overdue       open orders (any kind) past their due time now
//   molds near end molds at ≥ 90 % of their design life in shots
export interface KpiAsset {
  id: string;
  name: string;
  kind: string;
  plantId: string | null;
  plantName: string | null;
  lineId: string | null;
  lineName: string | null;
  enterpriseId: string;
  designLifeShots: number | null;
  shots: number | null;
  /** Epoch ms the asset entered service: time before it counts neither as up time nor as capacity. */
  inServiceFrom: number;
}

export interface KpiOrder {
  assetId: string;
  kind: string;
  status: string;
  dueAt: string | null;
  completedAt: string | null;
  downtimeStart: string | null;
  downtimeEnd: string | null;
}

export type KpiGroupBy = 'asset' | 'line' | 'plant' | 'enterprise';

export interface KpiRow {
  key: string;
  label: string;
  assets: number;
  failures: number;
  downtimeHours: number;
  mttrHours: number | null;
  mtbfHours: number | null;
  availability: number | null;
  pmDue: number;
  pmOnTime: number;
  pmCompliance: number | null;
  overdue: number;
  moldsNearEnd: number;
}

const HOUR = 3_600_000;
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const OPEN = new Set(['reported', 'assigned', 'in_progress', 'on_hold']);

function summarise(key: string, label: string, assets: KpiAsset[], orders: KpiOrder[], from: number, until: number, now: number): KpiRow {
  const repairs = orders.filter((o) => o.kind === 'repair' && o.downtimeStart);
  const started = (o: KpiOrder) => Date.parse(o.downtimeStart!);
  const failures = repairs.filter((o) => started(o) >= from && started(o) < until).length;
  const repaired = repairs.filter((o) => o.downtimeEnd && Date.parse(o.downtimeEnd) >= from && Date.parse(o.downtimeEnd) < until);
  const downtime =
    repairs.reduce((sum, o) => {
      const start = Math.max(started(o), from);
      const end = Math.min(o.downtimeEnd ? Date.parse(o.downtimeEnd) : now, until);
      return sum + Math.max(0, end - start);
    }, 0) / HOUR;
  const capacity = assets.reduce((sum, a) => sum + Math.max(0, until - Math.max(from, a.inServiceFrom)), 0) / HOUR;
  // an order cancelled because its asset went to another keeper is not a 保养 this keeper missed
  const pm = orders.filter(
    (o) => o.kind === 'maintenance' && o.status !== 'cancelled' && o.dueAt && Date.parse(o.dueAt) >= from && Date.parse(o.dueAt) < until,
  );
  const pmOnTime = pm.filter((o) => o.completedAt && o.completedAt <= o.dueAt!).length;
  const mttr = repaired.length
    ? repaired.reduce((sum, o) => sum + (Date.parse(o.downtimeEnd!) - started(o)), 0) / HOUR / repaired.length
    : null;
  return {
    key,
    label,
    assets: assets.length,
    failures,
    downtimeHours: round(downtime, 2),
    mttrHours: mttr === null ? null : round(mttr, 2),
    mtbfHours: failures ? round((capacity - downtime) / failures, 1) : null,
    availability: capacity ? round(1 - downtime / capacity, 4) : null,
    pmDue: pm.length,
    pmOnTime,
    pmCompliance: pm.length ? round(pmOnTime / pm.length, 4) : null,
    overdue: orders.filter((o) => OPEN.has(o.status) && o.dueAt && Date.parse(o.dueAt) < now).length,
    moldsNearEnd: assets.filter((a) => a.kind === 'mold' && a.designLifeShots && (a.shots ?? 0) >= 0.9 * a.designLifeShots).length,
  };
}

function groupOf(asset: KpiAsset, groupBy: KpiGroupBy): [string, string] {
  switch (groupBy) {
    case 'asset':
      return [asset.id, asset.name];
    case 'line':
      return [asset.lineId ?? '-', asset.lineName ?? '未分产线'];
    case 'plant':
      return [asset.plantId ?? '-', asset.plantName ?? '未分厂区'];
    case 'enterprise':
      return [asset.enterpriseId, asset.enterpriseId];
  }
}

/** KPIs over [from, to); `to` beyond now counts only up to now. */
export function computeKpis(
  assets: KpiAsset[],
  orders: KpiOrder[],
  groupBy: KpiGroupBy,
  period: { from: Date; to: Date },
  now: Date,
): { total: KpiRow; rows: KpiRow[] } {
  const from = period.from.getTime();
  const until = Math.min(period.to.getTime(), now.getTime());
  const ordersOf = (ids: Set<string>) => orders.filter((o) => ids.has(o.assetId));
  const groups = new Map<string, { label: string; assets: KpiAsset[] }>();
  for (const asset of assets) {
    const [key, label] = groupOf(asset, groupBy);
    const group = groups.get(key) ?? { label, assets: [] };
    group.assets.push(asset);
    groups.set(key, group);
  }
  const rows = [...groups.entries()].map(([key, g]) =>
    summarise(key, g.label, g.assets, ordersOf(new Set(g.assets.map((a) => a.id))), from, until, now.getTime()),
  );
  rows.sort((a, b) => b.failures - a.failures || a.label.localeCompare(b.label));
  return { total: summarise('total', '合计', assets, orders, from, until, now.getTime()), rows };
}
