import {
  DEFAULT_COUNTY_TIME_ZONE,
  countyDayRange,
  countyYear,
  type Actor,
  type CountyKpiView,
  type KpiQuery,
  type KpiView,
  type MaintenanceSharingBody,
  type MaintenanceSharingView,
} from '@tiantai/shared';
import { requirePermission } from '../../http/access';
import { assetsForKpis } from '../assets';
import { recordAudit } from '../identity';
import { computeKpis } from './kpis';
import { enterpriseOf, requireAdmin } from './maintenance.access';
import * as repo from './maintenance.repository';
import type { MaintenanceDb } from './maintenance.repository';

/** Whole days on the county's clock; this year by default. */
function kpiPeriod(query: Pick<KpiQuery, 'from' | 'to'>, now: Date, timeZone: string): { from: Date; to: Date } {
  const year = countyYear(now, timeZone);
  return countyDayRange(query.from ?? `${year}-01-01`, query.to ?? `${year}-12-31`, timeZone);
}

const periodStrings = (p: { from: Date; to: Date }) => ({ from: p.from.toISOString(), to: p.to.toISOString() });

const toSharingView = (row: { shared: number; updated_at: string; updated_by: string | null } | undefined): MaintenanceSharingView => ({
  shared: Boolean(row && Number(row.shared)),
  updatedAt: row?.updated_at ?? null,
  updatedBy: row?.updated_by ?? null,
});

/**
 * Maintenance KPIs (MTBF, MTTR, availability, on-time 保养): an enterprise's own, by plant, line or asset, and
 * the county's roll-up with the rows of the enterprises that chose to share them.
 */
export class MaintenanceKpiService {
  private readonly db: MaintenanceDb;
  private readonly now: () => Date;
  /** COUNTY_TIME_ZONE: periods are whole days on this clock, an installation date starts at its midnight. */
  private readonly timeZone: string;

  constructor(deps: { db: MaintenanceDb; now?: () => Date; timeZone?: string }) {
    this.db = deps.db;
    this.now = deps.now ?? (() => new Date());
    this.timeZone = deps.timeZone ?? DEFAULT_COUNTY_TIME_ZONE;
  }

  /** The enterprise's own KPIs for a period (this year by default, county time), grouped by plant, line or asset. */
  async kpis(actor: Actor, query: KpiQuery): Promise<KpiView> {
    const enterpriseId = enterpriseOf(actor);
    const period = kpiPeriod(query, this.now(), this.timeZone);
    const [assets, orders] = await Promise.all([
      assetsForKpis(this.db, enterpriseId, this.timeZone),
      repo.kpiOrders(this.db, enterpriseId),
    ]);
    return { ...periodStrings(period), ...computeKpis(assets, orders, query.groupBy, period, this.now()) };
  }

  /**
   * The county's roll-up: the same figures over every enterprise — aggregates only, plus one total row for
   * each enterprise that chose to share (and for no other).
   */
  async countyKpis(actor: Actor, query: KpiQuery): Promise<CountyKpiView> {
    requirePermission(actor, 'maintenance.county', 'The county roll-up is for county staff');
    const period = kpiPeriod(query, this.now(), this.timeZone);
    const [assets, orders, sharing] = await Promise.all([
      assetsForKpis(this.db, undefined, this.timeZone),
      repo.kpiOrders(this.db, undefined),
      repo.sharingEnterprises(this.db),
    ]);
    const now = this.now();
    const { total } = computeKpis(assets, orders, 'plant', period, now);
    // Each shared row is computed exactly as the enterprise's own page computes its total.
    const sharedEnterprises = await Promise.all(
      sharing.map(async (e) => {
        const [own, ownOrders] = await Promise.all([assetsForKpis(this.db, e.id, this.timeZone), repo.kpiOrders(this.db, e.id)]);
        const row = computeKpis(own, ownOrders, 'plant', period, now).total;
        return { ...row, key: e.id, label: e.name, enterpriseName: e.name };
      }),
    );
    return { ...periodStrings(period), enterprises: new Set(assets.map((a) => a.enterpriseId)).size, total, sharedEnterprises };
  }

  /** The caller's own enterprise's choice; county staff and departments 403. */
  async getSharing(actor: Actor): Promise<MaintenanceSharingView> {
    return toSharingView(await repo.findSharing(this.db, enterpriseOf(actor)));
  }

  /** The enterprise admin turns sharing on or off; audited. */
  async setSharing(actor: Actor, body: MaintenanceSharingBody): Promise<MaintenanceSharingView> {
    const enterpriseId = requireAdmin(actor);
    return this.db.transaction().execute(async (trx) => {
      const before = await repo.findSharing(trx, enterpriseId);
      const row = {
        enterprise_id: enterpriseId,
        shared: body.shared ? 1 : 0,
        updated_at: this.now().toISOString(),
        updated_by: actor.username,
      };
      await repo.upsertSharing(trx, row);
      await recordAudit(trx, actor, {
        action: 'update',
        entity: 'maintenance_sharing',
        entityId: enterpriseId,
        organisationId: enterpriseId,
        before: { shared: Boolean(before && Number(before.shared)) },
        after: { shared: body.shared },
      });
      return toSharingView(row);
    });
  }
}
