import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  COUNTY_ROLES,
  DEFAULT_COUNTY_TIME_ZONE,
  can,
  countyDate,
  countyDayRange,
  industryDivisionOf,
  type Actor,
  type CountyScreenView,
  type CreateScreenTokenBody,
  type CreatedScreenToken,
  type EnterpriseView,
  type Paged,
  type PlantScreenView,
  type ProjectsSlotView,
  type PublishEvent,
  type ScreenKind,
  type ScreenTokenView,
  type TargetsSlotView,
} from '@tiantai/shared';
import { enterpriseScope, requirePermission } from '../../http/access';
import { AppError, forbidden, notFound } from '../../http/errors';
import type { AssetService, PlaceService } from '../assets';
import { recordAudit } from '../identity';
import type { MaintenanceKpiService, WorkOrderService } from '../maintenance';
import type { Audience } from '../realtime';
import type { RegistryService } from '../registry';
import type { ServiceRequestService } from '../service-requests';
import type { MachineScope, MachineSource, MachineStatus } from './machine-source';
import * as repo from './screens.repository';
import type { ScreensDb } from './screens.repository';
import type { ScreenTokensTable } from './screens.tables';

/** The pages the screens read from: the same services, so a screen's numbers are the pages' numbers. */
export interface ScreenSources {
  assets: AssetService;
  places: PlaceService;
  workOrders: WorkOrderService;
  maintenanceKpis: MaintenanceKpiService;
  serviceRequests: ServiceRequestService;
  registry: RegistryService;
  machines: MachineSource;
  /** Filled in when the projects and targets modules are wired in; absent, the county screen shows 待接入. */
  projects?: (actor: Actor) => Promise<ProjectsSlotView>;
  targets?: (actor: Actor) => Promise<TargetsSlotView>;
}

const TICKER_SIZE = 20;
const TOKEN_PREFIX = 'tts_';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** The date `days` calendar days before 'YYYY-MM-DD' (calendar arithmetic, so no zone's day length enters). */
function daysBefore(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day - days)).toISOString().slice(0, 10);
}

/** Every page of a paged list (screens show whole plants, not a page of one). */
async function everyPage<T>(fetchPage: (page: number) => Promise<Paged<T>>): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; page <= 100; page++) {
    const result = await fetchPage(page);
    items.push(...result.items);
    if (items.length >= result.total || result.items.length === 0) break;
  }
  return items;
}

const toTokenView = (r: ScreenTokensTable): ScreenTokenView => ({
  id: r.id,
  name: r.name,
  screen: r.screen,
  enterpriseId: r.enterprise_id,
  plantId: r.plant_id,
  prefix: r.prefix,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

function screenPath(screen: ScreenKind, plantId: string | null): string {
  return screen === 'plant' ? `/screens/plant/${plantId}` : `/screens/${screen}`;
}

/** Who manages which tokens: an enterprise admin its plant and enterprise screens, the county admin the county screen. */
function tokenOwner(actor: Actor): string | null {
  requirePermission(actor, 'screens.tokens', 'Only an enterprise admin or the county admin manages screen tokens');
  return actor.organisationKind === 'enterprise' ? actor.organisationId : null;
}

const { enterpriseOf } = enterpriseScope('The plant screen belongs to an enterprise');

/** Share weighted by machine count over the groups that have a figure. */
function weighted(parts: Array<{ share: number | null; machines: number }>): number | null {
  const known = parts.filter((p) => p.share !== null && p.machines > 0);
  const machines = known.reduce((n, p) => n + p.machines, 0);
  return machines === 0 ? null : known.reduce((s, p) => s + p.share! * p.machines, 0) / machines;
}

export class ScreensService {
  private readonly db: ScreensDb;

  private readonly sources: ScreenSources;
  private readonly publish: PublishEvent;
  private readonly now: () => Date;
  private readonly timeZone: string;

  constructor(deps: {
    db: ScreensDb;
    /** What the screens show, from the other modules' services (app.ts wires them). */
    sources: ScreenSources;
    /** Kiosk tokens revoked: open wall displays are told to leave the air. */
    publish?: PublishEvent;
    now?: () => Date;
    /**
     * COUNTY_TIME_ZONE: today and the week are the county's days; the snapshots carry it, so a kiosk display
     * (no session to learn it from) shows its clock and times on it too.
     */
    timeZone?: string;
  }) {
    this.db = deps.db;
    this.sources = deps.sources;
    this.publish = deps.publish ?? (() => undefined);
    this.now = deps.now ?? (() => new Date());
    this.timeZone = deps.timeZone ?? DEFAULT_COUNTY_TIME_ZONE;
  }

  /** A county day as UTC ISO bounds [from, to). */
  private dayRange(date: string): { from: string; to: string } {
    const { from, to } = countyDayRange(date, date, this.timeZone);
    return { from: from.toISOString(), to: to.toISOString() };
  }

  // ---- the plant screen (one plant, or the whole enterprise when plantId is null) ----

  async plantScreen(actor: Actor, plantId: string | null): Promise<PlantScreenView> {
    const enterpriseId = enterpriseOf(actor);
    const { assets, places, workOrders, maintenanceKpis, registry, machines } = this.sources;
    const plants = await places.listPlants(actor);
    const plant = plantId === null ? null : plants.find((p) => p.id === plantId);
    if (plantId !== null && !plant) throw notFound('Plant');
    const scope: MachineScope = { enterpriseId, plantId };
    const now = this.now();
    const today = countyDate(now, this.timeZone);

    const [enterprise, kept, states, alarms, kpis, openOrders, recentOrders, utilisationToday] = await Promise.all([
      registry.getEnterprise(actor, enterpriseId),
      everyPage((page) => assets.listAssets(actor, { plantId: plantId ?? undefined, page, pageSize: 200 })).then((list) =>
        list.filter((a) => a.holder && a.state !== 'scrapped'),
      ),
      machines.machineStates(scope),
      machines.openAlarms(scope),
      maintenanceKpis.kpis(actor, { groupBy: 'plant' }),
      everyPage((page) => workOrders.listWorkOrders(actor, { open: true, mine: false, page, pageSize: 200 })),
      workOrders.listWorkOrders(actor, { open: false, mine: false, page: 1, pageSize: 200 }),
      machines.utilisation(scope, this.dayRange(today)),
    ]);
    const here = new Set(kept.map((a) => a.id));
    const inScope = (assetId: string) => plantId === null || here.has(assetId);
    const byId = new Map(kept.map((a) => [a.id, a]));
    const stateOf = new Map(states.map((s) => [s.assetId, s]));

    const equipment = kept.filter((a) => a.kind === 'equipment' && a.state !== 'planned');
    const tiles = equipment.map((a) => ({
      asset: a,
      state: stateOf.get(a.id)?.state ?? ('offline' as const),
      since: stateOf.get(a.id)?.since ?? null,
    }));
    const lines = new Map<
      string,
      { lineId: string | null; lineName: string | null; machines: PlantScreenView['lines'][number]['machines'] }
    >();
    for (const t of tiles) {
      const key = t.asset.lineId ?? '';
      const line = lines.get(key) ?? { lineId: t.asset.lineId, lineName: t.asset.lineName, machines: [] };
      line.machines.push({ assetId: t.asset.id, code: t.asset.code, name: t.asset.name, state: t.state, since: t.since });
      lines.set(key, line);
    }
    const kpiRow = plantId === null ? kpis.total : kpis.rows.find((r) => r.key === plantId);

    const week = await Promise.all(
      Array.from({ length: 7 }, (_, i) => daysBefore(today, 6 - i)).map(async (date) => {
        const [day, utilisation] = await Promise.all([
          maintenanceKpis.kpis(actor, { from: date, to: date, groupBy: 'plant' }),
          machines.utilisation(scope, this.dayRange(date)),
        ]);
        const row = plantId === null ? day.total : day.rows.find((r) => r.key === plantId);
        return {
          date,
          utilisation: utilisation.total,
          availability: row?.availability ?? null,
          mttrHours: row?.mttrHours ?? null,
          failures: row?.failures ?? 0,
        };
      }),
    );

    return {
      kind: plantId === null ? 'enterprise' : 'plant',
      enterpriseId,
      enterpriseName: enterprise.name,
      plantId,
      plantName: plant?.name ?? null,
      generatedAt: now.toISOString(),
      timeZone: this.timeZone,
      tiles: {
        machines: tiles.length,
        online: tiles.filter((t) => t.state !== 'offline').length,
        running: tiles.filter((t) => t.state === 'running').length,
        down: tiles.filter((t) => t.state === 'down').length,
        utilisationToday: utilisationToday.total,
        openWorkOrders: openOrders.filter((o) => inScope(o.assetId)).length,
        overdueMaintenance: kpiRow?.overdue ?? 0,
        moldsNearEnd: kpiRow?.moldsNearEnd ?? 0,
      },
      lines: [...lines.values()].sort((a, b) =>
        a.lineName === null ? 1 : b.lineName === null ? -1 : a.lineName.localeCompare(b.lineName, 'zh-CN'),
      ),
      ticker: recentOrders.items
        .filter((o) => inScope(o.assetId))
        .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))
        .slice(0, TICKER_SIZE)
        .map((o) => ({
          workOrderId: o.id,
          number: o.number,
          kind: o.kind,
          status: o.status,
          title: o.title,
          assetCode: o.assetCode,
          at: o.updatedAt,
        })),
      alarms: alarms.map((a) => ({
        id: a.id,
        assetId: a.assetId,
        assetCode: a.assetId ? (byId.get(a.assetId)?.code ?? null) : null,
        severity: a.severity,
        message: a.message,
        raisedAt: a.raisedAt,
      })),
      week,
    };
  }

  // ---- the county screen ----

  async countyScreen(actor: Actor): Promise<CountyScreenView> {
    requirePermission(actor, 'screens.county', 'The county screen is for county staff');
    const { maintenanceKpis, serviceRequests, registry, machines } = this.sources;
    const now = this.now();
    const today = countyDate(now, this.timeZone);
    const year = Number(today.slice(0, 4));
    const county: MachineScope = { enterpriseId: null };
    const [enterprises, parks, states, alarms, utilisation, kpis, statistics, projects, targets] = await Promise.all([
      everyPage((page) => registry.listEnterprises(actor, { page, pageSize: 200 })),
      registry.listParks(actor),
      machines.machineStates(county),
      machines.openAlarms(county),
      machines.utilisation(county, this.dayRange(today)),
      maintenanceKpis.countyKpis(actor, { groupBy: 'plant' }),
      serviceRequests.statistics(actor, { from: `${year}-01-01`, to: today, groupBy: 'department' }),
      this.sources.projects ? this.sources.projects(actor) : Promise.resolve(null),
      this.sources.targets ? this.sources.targets(actor) : Promise.resolve(null),
    ]);

    const machinesOf = new Map<string, MachineStatus[]>();
    for (const s of states) machinesOf.set(s.enterpriseId, [...(machinesOf.get(s.enterpriseId) ?? []), s]);
    const online = states.filter((s) => s.state !== 'offline');
    const group = (key: (e: EnterpriseView) => [string, string]) => {
      const groups = new Map<string, { key: string; label: string; members: EnterpriseView[] }>();
      for (const e of enterprises) {
        const [k, label] = key(e);
        const g = groups.get(k) ?? { key: k, label, members: [] };
        g.members.push(e);
        groups.set(k, g);
      }
      return [...groups.values()]
        .map((g) => {
          const parts = g.members.map((e) => ({
            share: utilisation.byEnterprise[e.id] ?? null,
            machines: machinesOf.get(e.id)?.length ?? 0,
          }));
          return {
            key: g.key,
            label: g.label,
            enterprises: g.members.length,
            machines: parts.reduce((n, p) => n + p.machines, 0),
            utilisation: weighted(parts),
          };
        })
        .sort((a, b) => b.machines - a.machines || b.enterprises - a.enterprises || a.label.localeCompare(b.label, 'zh-CN'));
    };
    const onlineByEnterprise = new Map<string, number>();
    for (const s of online) onlineByEnterprise.set(s.enterpriseId, (onlineByEnterprise.get(s.enterpriseId) ?? 0) + 1);

    const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);
    return {
      generatedAt: now.toISOString(),
      timeZone: this.timeZone,
      tiles: {
        enterprises: enterprises.length,
        enterprisesOnline: onlineByEnterprise.size,
        devices: states.length,
        devicesOnline: online.length,
        utilisation: utilisation.total,
        pmCompliance: kpis.total.pmCompliance,
        openAlarms: alarms.length,
      },
      byPark: group((e) => [e.parkId ?? 'none', e.parkName ?? '园区外']),
      byIndustry: group((e) => {
        const division = e.industryCode ? industryDivisionOf(e.industryCode) : undefined;
        return division ? [division.code, division.zh] : ['none', '未填行业'];
      }).slice(0, 10),
      parks: parks.map((p) => ({
        id: p.id,
        name: p.name,
        towns: p.towns,
        enterprises: p.enterpriseCount,
        devicesOnline: enterprises.filter((e) => e.parkId === p.id).reduce((n, e) => n + (onlineByEnterprise.get(e.id) ?? 0), 0),
      })),
      maintenance: {
        pmCompliance: kpis.total.pmCompliance,
        overdue: kpis.total.overdue,
        mttrHours: kpis.total.mttrHours,
        availability: kpis.total.availability,
      },
      requests: {
        year,
        received: statistics.total.received,
        closed: statistics.total.closed,
        completionRate: statistics.total.completionRate,
        onTimeRate: statistics.total.onTimeRate,
        greenRate: statistics.total.greenRate,
        byDepartment: statistics.rows
          .map((r) => ({
            key: r.key,
            label: r.label,
            received: r.received,
            closed: r.closed,
            completionRate: r.completionRate ?? rate(r.closed, r.received),
            onTimeRate: r.onTimeRate,
            greenRate: r.greenRate,
          }))
          .sort((a, b) => b.received - a.received)
          .slice(0, 12),
      },
      projects,
      targets,
    };
  }

  // ---- kiosk tokens ----

  async listTokens(actor: Actor): Promise<ScreenTokenView[]> {
    return (await repo.listTokens(this.db, tokenOwner(actor))).map(toTokenView);
  }

  async createToken(actor: Actor, body: CreateScreenTokenBody): Promise<CreatedScreenToken> {
    const owner = tokenOwner(actor);
    if ((body.screen === 'county') !== (owner === null))
      throw forbidden(
        owner === null ? 'The county admin makes county screen tokens' : 'An enterprise makes tokens for its own plant screens',
      );
    const plantId = body.screen === 'plant' ? body.plantId! : null;
    if (plantId !== null && !(await this.sources.places.listPlants(actor)).some((p) => p.id === plantId)) throw notFound('Plant');
    const token = TOKEN_PREFIX + randomBytes(24).toString('base64url');
    const row: ScreenTokensTable = {
      id: randomUUID(),
      name: body.name,
      screen: body.screen,
      enterprise_id: owner,
      plant_id: plantId,
      prefix: token.slice(0, 10),
      token_hash: sha256(token),
      created_by: actor.userId,
      created_at: this.now().toISOString(),
      last_used_at: null,
      revoked_at: null,
    };
    await this.db.transaction().execute(async (trx) => {
      await repo.insertToken(trx, row);
      await recordAudit(trx, actor, {
        action: 'create',
        entity: 'screen_token',
        entityId: row.id,
        organisationId: actor.organisationId,
        after: { name: row.name, screen: row.screen, plantId, prefix: row.prefix },
      });
    });
    return { ...toTokenView(row), token, path: `${screenPath(row.screen, plantId)}?token=${token}` };
  }

  async revokeToken(actor: Actor, id: string): Promise<void> {
    const owner = tokenOwner(actor);
    const row = await repo.findToken(this.db, owner, id);
    if (!row) throw notFound('Screen token');
    const at = this.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      if (!(await repo.revokeToken(trx, id, at))) throw new AppError(409, 'INVALID_TRANSITION', 'The screen token is already revoked');
      await recordAudit(trx, actor, { action: 'revoke', entity: 'screen_token', entityId: id, organisationId: actor.organisationId });
    });
    // Open streams of this token end on every instance.
    this.publish({ type: 'screen_token.revoked', enterpriseId: owner, plantId: row.plant_id, tokenId: id });
  }

  /** The active token row, or null; marks it used (at most once a minute, to spare the database). */
  private async kioskToken(token: string): Promise<ScreenTokensTable | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const found = await repo.findActiveTokenByHash(this.db, sha256(token));
    if (!found) return null;
    const { creator_active, creator_role, creator_organisation_id, ...row } = found;
    // A kiosk token lives on its creator's access: deactivated, or no longer allowed to manage this screen, it stops.
    const creatorMayManage =
      creator_active === 1 &&
      can(creator_role, 'screens.tokens') &&
      (row.enterprise_id === null ? COUNTY_ROLES.includes(creator_role) : creator_organisation_id === row.enterprise_id);
    if (!creatorMayManage) return null;
    const now = this.now();
    if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000)
      await repo.touchToken(this.db, row.id, now.toISOString());
    return row;
  }

  /**
   * A read-only stand-in for the person who made the token, limited to the one screen: the snapshot
   * routes call the screens' queries with it and nothing else.
   */
  async kioskActor(token: string, screen: ScreenKind, plantId: string | null = null): Promise<Actor> {
    const row = await this.kioskToken(token);
    if (!row) throw new AppError(401, 'UNAUTHENTICATED', 'Unknown or revoked screen token');
    if (row.screen !== screen || row.plant_id !== plantId) throw forbidden('This screen token opens another screen');
    return {
      userId: row.created_by,
      username: `screen:${row.prefix}`,
      role: row.enterprise_id === null ? 'county_viewer' : 'enterprise_member',
      organisationId: row.enterprise_id ?? 'county',
      organisationKind: row.enterprise_id === null ? 'county' : 'enterprise',
      via: 'api_token',
    };
  }

  /** What a kiosk token's stream may carry: its screen's scope only. */
  async kioskAudience(token: string): Promise<Audience | null> {
    const row = await this.kioskToken(token);
    if (!row) return null;
    if (row.enterprise_id === null) return { kind: 'county', kioskTokenId: row.id };
    return { kind: 'enterprise', enterpriseId: row.enterprise_id, plantId: row.plant_id, kioskTokenId: row.id };
  }

  async ownsPlant(actor: Actor, plantId: string): Promise<boolean> {
    if (actor.organisationKind !== 'enterprise') return false;
    return (await this.sources.places.listPlants(actor)).some((p) => p.id === plantId);
  }
}
