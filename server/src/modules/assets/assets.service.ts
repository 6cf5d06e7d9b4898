import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type AssetDetailView,
  type AssetListQuery,
  type AssetState,
  type AssetUpdateBody,
  type AssetView,
  type LifecycleBody,
  type MountBody,
  type Paged,
  type PublishEvent,
  type ReadingBody,
  TRANSFER_TARGETS_SHOWN,
  type TransferBody,
  type TransferTargetView,
  type assetBody,
  eventText,
} from '@tiantai/shared';
import type { Kysely, Updateable } from 'kysely';
import type { z } from 'zod';
import { withTablesOf } from '../../db/connection';
import { requirePermission } from '../../http/access';
import { AppError, forbidden, notFound } from '../../http/errors';
import { recordAudit } from '../identity';
import { enterpriseOf, requireAdmin } from './assets.access';
import * as repo from './assets.repository';
import type { AssetDb, AssetRow } from './assets.repository';
import type { AssetEventsTable, AssetTables, AssetsTable } from './assets.tables';
import { counterStep } from './counters';
import { allowedMoves, canMove, roleMayMove } from './lifecycle';
import { assetLabelSvg } from './label';

type AssetInput = z.output<typeof assetBody>;
type AssetAttributes = AssetView['attributes'];

const nowIso = () => new Date().toISOString();
const READINGS_SHOWN = 50;

/** The enterprise that keeps the asset: the custodian, or the owner when nobody else keeps it. */
const holderOf = (row: Pick<AssetsTable, 'enterprise_id' | 'custodian_enterprise_id'>) => row.custodian_enterprise_id ?? row.enterprise_id;

export function toAssetView(row: AssetRow, enterpriseId: string): AssetView {
  const shots = row.kind === 'mold' ? (row.shots ?? 0) : row.shots;
  return {
    id: row.id,
    kind: row.kind,
    code: row.code,
    name: row.name,
    model: row.model,
    maker: row.maker,
    serial: row.serial,
    installDate: row.install_date,
    criticality: row.criticality,
    state: row.state,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    custodianEnterpriseId: row.custodian_enterprise_id,
    custodianName: row.custodian_name,
    plantId: row.plant_id,
    plantName: row.plant_name,
    lineId: row.line_id,
    lineName: row.line_name,
    attributes: JSON.parse(row.attributes) as AssetAttributes,
    press: Number(row.press) === 1,
    cavities: row.cavities,
    designLifeShots: row.design_life_shots === null ? null : Number(row.design_life_shots),
    shots: shots === null ? null : Number(shots),
    remainingShots: row.design_life_shots === null ? null : Number(row.design_life_shots) - Number(shots ?? 0),
    mountedOnAssetId: row.mounted_on_asset_id,
    mountedOnName: row.mounted_on_name,
    holder: holderOf(row) === enterpriseId,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class AssetService {
  private readonly db: AssetDb;

  private readonly publish: PublishEvent;

  constructor(deps: {
    db: AssetDb;
    /** Live screens: lifecycle changes, published once committed. */
    publish?: PublishEvent;
  }) {
    this.db = deps.db;
    this.publish = deps.publish ?? (() => undefined);
  }

  // ---- assets ----

  async listAssets(actor: Actor, query: AssetListQuery): Promise<Paged<AssetView>> {
    const enterpriseId = enterpriseOf(actor);
    const { page, pageSize, ...filter } = query;
    const { rows, total } = await repo.listAssets(this.db, enterpriseId, filter, { page, pageSize });
    return { items: rows.map((r) => toAssetView(r, enterpriseId)), total, page, pageSize };
  }

  async getAsset(actor: Actor, id: string): Promise<AssetDetailView> {
    return this.detail(this.db, actor, id);
  }

  async createAsset(actor: Actor, body: AssetInput): Promise<AssetDetailView> {
    const enterpriseId = requireAdmin(actor);
    const id = randomUUID();
    const now = nowIso();
    return this.db.transaction().execute(async (trx) => {
      if (await repo.findAssetByCode(trx, enterpriseId, body.code))
        throw new AppError(409, 'DUPLICATE', `An asset with code ${body.code} already exists`, { field: 'code' });
      if (body.press && body.kind !== 'equipment') throw new AppError(400, 'VALIDATION_FAILED', 'press: only equipment is a press');
      const place = await this.checkPlace(trx, enterpriseId, body.plantId ?? null, body.lineId ?? null);
      await repo.insertAsset(trx, {
        id,
        enterprise_id: enterpriseId,
        custodian_enterprise_id: null,
        kind: body.kind,
        code: body.code,
        name: body.name,
        model: body.model ?? null,
        maker: body.maker ?? null,
        serial: body.serial ?? null,
        install_date: body.installDate ?? null,
        criticality: body.criticality,
        plant_id: place.plantId,
        line_id: place.lineId,
        state: body.state,
        attributes: JSON.stringify(body.attributes),
        press: body.press ? 1 : 0,
        cavities: body.cavities ?? null,
        design_life_shots: body.designLifeShots ?? null,
        mounted_on_asset_id: null,
        created_at: now,
        updated_at: now,
      });
      await repo.insertEvent(trx, event(id, actor, 'created', { to: body.state }));
      const created = await this.detail(trx, actor, id);
      await recordAudit(trx, actor, { action: 'create', entity: 'asset', entityId: id, organisationId: enterpriseId, after: created });
      return created;
    });
  }

  async updateAsset(actor: Actor, id: string, body: AssetUpdateBody): Promise<AssetDetailView> {
    return this.db.transaction().execute(async (trx) => {
      const before = await this.held(trx, actor, id, 'admin');
      if (body.code !== undefined && body.code !== before.code && (await repo.findAssetByCode(trx, before.enterprise_id, body.code)))
        throw new AppError(409, 'DUPLICATE', `An asset with code ${body.code} already exists`, { field: 'code' });
      if (body.press !== undefined && body.press !== (Number(before.press) === 1)) {
        if (body.press && before.kind !== 'equipment') throw new AppError(400, 'VALIDATION_FAILED', 'press: only equipment is a press');
        if (!body.press && Number((await repo.countMountedOn(trx, id)).n) > 0)
          throw new AppError(409, 'CONFLICT', 'Molds are mounted on this press; unmount them first');
      }
      const placeChanges: Pick<Updateable<AssetsTable>, 'plant_id' | 'line_id'> = {};
      if (body.plantId !== undefined || body.lineId !== undefined) {
        const lineId =
          body.lineId === undefined
            ? body.plantId === undefined || body.plantId === before.plant_id
              ? before.line_id
              : null
            : body.lineId;
        const place = await this.checkPlace(trx, holderOf(before), body.plantId === undefined ? before.plant_id : body.plantId, lineId);
        placeChanges.plant_id = place.plantId;
        placeChanges.line_id = place.lineId;
      }
      await repo.updateAsset(trx, id, {
        ...(body.code !== undefined && { code: body.code }),
        ...(body.name !== undefined && { name: body.name }),
        ...(body.model !== undefined && { model: body.model }),
        ...(body.maker !== undefined && { maker: body.maker }),
        ...(body.serial !== undefined && { serial: body.serial }),
        ...(body.installDate !== undefined && { install_date: body.installDate }),
        ...(body.criticality !== undefined && { criticality: body.criticality }),
        ...(body.attributes !== undefined && { attributes: JSON.stringify(body.attributes) }),
        ...(body.press !== undefined && { press: body.press ? 1 : 0 }),
        ...(body.cavities !== undefined && { cavities: body.cavities }),
        ...(body.designLifeShots !== undefined && { design_life_shots: body.designLifeShots }),
        ...placeChanges,
        updated_at: nowIso(),
      });
      const after = await this.detail(trx, actor, id);
      await recordAudit(trx, actor, {
        action: 'update',
        entity: 'asset',
        entityId: id,
        organisationId: holderOf(before),
        before: toAssetView(before, holderOf(before)),
        after: toAssetView((await repo.findVisibleAsset(trx, holderOf(before), id))!, holderOf(before)),
      });
      return after;
    });
  }

  /** Moves the asset along the lifecycle table; an illegal move is a 409 INVALID_TRANSITION. */
  async changeLifecycle(actor: Actor, id: string, body: LifecycleBody): Promise<AssetDetailView> {
    const { detail, asset, from } = await this.db.transaction().execute(async (trx) => {
      const asset = await this.held(trx, actor, id, 'member');
      const from = asset.state;
      if (!canMove(from, body.to))
        throw new AppError(409, 'INVALID_TRANSITION', `An asset ${from} cannot move to ${body.to}`, { from, to: body.to });
      if (!roleMayMove(actor.role, from, body.to)) throw forbidden(`Only the enterprise admin moves an asset from ${from} to ${body.to}`);
      if (body.to === 'scrapped') await this.requireUnmounted(trx, asset);
      await repo.updateAsset(trx, id, { state: body.to, updated_at: nowIso() });
      await repo.insertEvent(trx, event(id, actor, 'lifecycle', { from, to: body.to, reason: body.reason }));
      await recordAudit(trx, actor, {
        action: 'lifecycle',
        entity: 'asset',
        entityId: id,
        organisationId: holderOf(asset),
        before: { state: from },
        after: { state: body.to, reason: body.reason },
      });
      return { detail: await this.detail(trx, actor, id), asset, from };
    });
    this.publish({
      type: 'asset.state_changed',
      enterpriseId: holderOf(asset),
      plantId: asset.plant_id,
      assetId: id,
      assetCode: eventText(asset.code),
      assetName: eventText(asset.name),
      from,
      to: body.to,
    });
    return detail;
  }

  /** A manual counter reading: the total grows by the reading's delta (see counters.ts for the rules). */
  async recordReading(actor: Actor, id: string, body: ReadingBody): Promise<AssetDetailView> {
    return this.db.transaction().execute(async (trx) => {
      const asset = await this.held(trx, actor, id, 'member');
      if (asset.state === 'scrapped') throw new AppError(409, 'CONFLICT', 'A scrapped asset takes no readings');
      const counter = await repo.findCounter(trx, id, body.counter);
      const step = counterStep(counter?.last_reading, body);
      const at = nowIso();
      if (counter) {
        await repo.updateCounter(trx, id, body.counter, {
          value: counter.value + step.delta,
          last_reading: body.value,
          reset_count: counter.reset_count + (step.kind === 'reset' ? 1 : 0),
          updated_at: at,
        });
      } else {
        await repo.insertCounter(trx, {
          asset_id: id,
          counter: body.counter,
          value: step.delta,
          last_reading: body.value,
          reset_count: step.kind === 'reset' ? 1 : 0,
          updated_at: at,
        });
      }
      const readingId = randomUUID();
      await repo.insertReading(trx, {
        id: readingId,
        asset_id: id,
        counter: body.counter,
        value: body.value,
        delta: step.delta,
        at,
        source: 'manual',
        kind: step.kind,
        actor_user_id: actor.userId,
      });
      await recordAudit(trx, actor, {
        action: 'reading',
        entity: 'asset',
        entityId: id,
        organisationId: holderOf(asset),
        before: counter ? { value: counter.value, lastReading: counter.last_reading } : null,
        after: { counter: body.counter, reading: body.value, kind: step.kind, delta: step.delta, readingId },
      });
      return this.detail(trx, actor, id);
    });
  }

  /** Puts a mold on a press of the same (keeping) enterprise; a mold is on one press at most. */
  async mount(actor: Actor, id: string, body: MountBody): Promise<AssetDetailView> {
    return this.db.transaction().execute(async (trx) => {
      const mold = await this.held(trx, actor, id, 'admin');
      if (mold.kind !== 'mold') throw new AppError(400, 'VALIDATION_FAILED', 'Only a mold is mounted on a press');
      const press = await repo.findVisibleAsset(trx, actor.organisationId, body.pressId);
      if (!press) throw notFound('Press');
      if (press.kind !== 'equipment' || Number(press.press) !== 1)
        throw new AppError(400, 'VALIDATION_FAILED', 'pressId: a mold is mounted on a press (equipment marked as one)');
      if (holderOf(press) !== holderOf(mold)) throw new AppError(409, 'CONFLICT', 'The press is kept by another enterprise');
      if (mold.state === 'scrapped' || press.state === 'scrapped')
        throw new AppError(409, 'CONFLICT', 'A scrapped mold or press is not mounted');
      if (mold.mounted_on_asset_id)
        throw new AppError(409, 'CONFLICT', `The mold is on ${mold.mounted_on_name ?? 'a press'}; unmount it first`, {
          pressId: mold.mounted_on_asset_id,
        });
      const at = nowIso();
      await repo.insertMount(trx, {
        id: randomUUID(),
        mold_id: id,
        press_id: press.id,
        mounted_at: at,
        removed_at: null,
        mounted_by: actor.username,
        removed_by: null,
      });
      await repo.updateAsset(trx, id, { mounted_on_asset_id: press.id, updated_at: at });
      await repo.insertEvent(trx, event(id, actor, 'mounted', { reason: `${press.code} ${press.name}` }));
      await recordAudit(trx, actor, {
        action: 'mount',
        entity: 'asset',
        entityId: id,
        organisationId: holderOf(mold),
        after: { pressId: press.id },
      });
      return this.detail(trx, actor, id);
    });
  }

  async unmount(actor: Actor, id: string): Promise<AssetDetailView> {
    return this.db.transaction().execute(async (trx) => {
      const mold = await this.held(trx, actor, id, 'admin');
      if (!mold.mounted_on_asset_id) throw new AppError(409, 'CONFLICT', 'The mold is not mounted');
      const at = nowIso();
      await repo.closeMount(trx, id, at, actor.username);
      await repo.updateAsset(trx, id, { mounted_on_asset_id: null, updated_at: at });
      await repo.insertEvent(trx, event(id, actor, 'unmounted', { reason: mold.mounted_on_name }));
      await recordAudit(trx, actor, {
        action: 'unmount',
        entity: 'asset',
        entityId: id,
        organisationId: holderOf(mold),
        before: { pressId: mold.mounted_on_asset_id },
      });
      return this.detail(trx, actor, id);
    });
  }

  /**
   * Hands the asset, with its timeline, readings and mount history, to another enterprise.
   * role owner: the owner's admin sells it (a custodian keeps it); role custodian: the keeper's admin sends
   * it to be kept elsewhere (to the owner: back home). Whoever no longer owns or keeps it stops seeing it.
   */
  async transfer(actor: Actor, id: string, body: TransferBody): Promise<AssetDetailView> {
    return this.db.transaction().execute(async (trx) => {
      const enterpriseId = enterpriseOf(actor);
      const asset = await repo.findVisibleAsset(trx, enterpriseId, id);
      if (!asset) throw notFound('Asset');
      requirePermission(actor, 'assets.manage', 'Only the enterprise admin transfers an asset');
      const target = await trx
        .selectFrom('enterprises')
        .innerJoin('organisations', 'organisations.id', 'enterprises.id')
        .select(['enterprises.id', 'organisations.name'])
        .where('enterprises.id', '=', body.enterpriseId)
        .executeTakeFirst();
      if (!target) throw new AppError(400, 'VALIDATION_FAILED', `enterpriseId: no enterprise ${body.enterpriseId}`);

      let owner = asset.enterprise_id;
      let custodian = asset.custodian_enterprise_id;
      if (body.role === 'owner') {
        if (asset.enterprise_id !== enterpriseId) throw forbidden('Only the owner transfers ownership');
        if (target.id === owner) throw new AppError(409, 'CONFLICT', 'The enterprise already owns the asset');
        owner = target.id;
      } else {
        if (holderOf(asset) !== enterpriseId) throw forbidden('Only the enterprise keeping the asset sends it elsewhere');
        if (target.id === holderOf(asset)) throw new AppError(409, 'CONFLICT', 'The enterprise already keeps the asset');
        custodian = target.id;
      }
      if (custodian === owner) custodian = null;
      const newHolder = custodian ?? owner;
      const moves = newHolder !== holderOf(asset);
      if (moves) await this.requireUnmounted(trx, asset);
      if (owner !== asset.enterprise_id && (await repo.findAssetByCode(trx, owner, asset.code)))
        throw new AppError(409, 'DUPLICATE', `${target.name} already has an asset with code ${asset.code}`, { field: 'code' });

      await repo.updateAsset(trx, id, {
        enterprise_id: owner,
        custodian_enterprise_id: custodian,
        // plants and lines belong to the old keeper
        ...(moves && { plant_id: null, line_id: null }),
        updated_at: nowIso(),
      });
      const what = body.role === 'owner' ? `ownership → ${target.name}` : `custody → ${target.name}`;
      await repo.insertEvent(trx, event(id, actor, 'transferred', { reason: body.reason ? `${what}: ${body.reason}` : what }));
      const change = {
        before: { ownerId: asset.enterprise_id, custodianId: asset.custodian_enterprise_id },
        after: { ownerId: owner, custodianId: custodian },
      };
      await recordAudit(trx, actor, { action: 'transfer_out', entity: 'asset', entityId: id, organisationId: enterpriseId, ...change });
      await recordAudit(trx, actor, { action: 'transfer_in', entity: 'asset', entityId: id, organisationId: target.id, ...change });
      const stillVisible = await repo.findVisibleAsset(trx, enterpriseId, id);
      // The caller may no longer see it: answer with what it handed over, as the receiver sees it.
      return this.detailOf(trx, stillVisible ? enterpriseId : target.id, actor, id);
    });
  }

  /**
   * The receiver of a transfer, for an enterprise admin: an exact credit code finds one enterprise, a name
   * (two characters at least) a few; ids and names only, never the caller's own enterprise.
   */
  async transferTargets(actor: Actor, q: string): Promise<TransferTargetView[]> {
    const enterpriseId = requireAdmin(actor);
    const text = q.trim();
    const creditCode = /^[0-9A-Z]{18}$/i.test(text) ? text.toUpperCase() : undefined;
    // LIKE's wildcards are not searched for; what is left must still be two characters
    const name = text.replace(/[%_\\]/g, '');
    if (!creditCode && name.length < 2) return [];
    const rows = await repo.findTransferTargets(
      this.db,
      creditCode ? { creditCode } : { nameContains: name },
      enterpriseId,
      TRANSFER_TARGETS_SHOWN,
    );
    return rows.map((r) => ({ id: r.id, name: r.name }));
  }

  async label(actor: Actor, id: string, origin: string): Promise<string> {
    const enterpriseId = enterpriseOf(actor);
    const asset = await repo.findVisibleAsset(this.db, enterpriseId, id);
    if (!asset) throw notFound('Asset');
    return assetLabelSvg(`${origin}/assets/${asset.id}`, asset.code, asset.name);
  }

  // ---- helpers ----

  /** The asset if the caller's enterprise keeps it and the caller's role may act ('member': technicians too). */
  private async held(trx: AssetDb, actor: Actor, id: string, level: 'admin' | 'member'): Promise<AssetRow> {
    const enterpriseId = enterpriseOf(actor);
    const asset = await repo.findVisibleAsset(trx, enterpriseId, id);
    if (!asset) throw notFound('Asset');
    if (holderOf(asset) !== enterpriseId) throw forbidden('Only the enterprise keeping the asset changes it');
    if (level === 'admin') requirePermission(actor, 'assets.manage', 'Only the enterprise admin does this');
    return asset;
  }

  private async requireUnmounted(trx: AssetDb, asset: AssetRow): Promise<void> {
    if (asset.mounted_on_asset_id) throw new AppError(409, 'CONFLICT', 'The mold is mounted on a press; unmount it first');
    const { n } = await repo.countMountedOn(trx, asset.id);
    if (Number(n) > 0) throw new AppError(409, 'CONFLICT', 'Molds are mounted on this press; unmount them first');
  }

  /** A plant and line of the keeping enterprise; a line fixes its plant. */
  private async checkPlace(trx: AssetDb, enterpriseId: string, plantId: string | null, lineId: string | null) {
    if (lineId) {
      const line = await repo.findLine(trx, enterpriseId, lineId);
      if (!line) throw new AppError(400, 'VALIDATION_FAILED', `lineId: no line ${lineId}`);
      if (plantId && plantId !== line.plant_id) throw new AppError(400, 'VALIDATION_FAILED', 'lineId: the line is in another plant');
      return { plantId: line.plant_id, lineId };
    }
    if (plantId && !(await repo.findPlant(trx, enterpriseId, plantId)))
      throw new AppError(400, 'VALIDATION_FAILED', `plantId: no plant ${plantId}`);
    return { plantId, lineId: null };
  }

  private detail(db: AssetDb, actor: Actor, id: string): Promise<AssetDetailView> {
    return this.detailOf(db, enterpriseOf(actor), actor, id);
  }

  private async detailOf(db: AssetDb, enterpriseId: string, actor: Actor, id: string): Promise<AssetDetailView> {
    const row = await repo.findVisibleAsset(db, enterpriseId, id);
    if (!row) throw notFound('Asset');
    const view = toAssetView(row, actor.organisationId);
    const [counters, events, readings, mounts] = await Promise.all([
      repo.listCounters(db, id),
      repo.listEvents(db, id),
      repo.listReadings(db, id, READINGS_SHOWN),
      repo.listMounts(db, id),
    ]);
    return {
      ...view,
      counters: counters.map((c) => ({
        counter: c.counter,
        value: Number(c.value),
        lastReading: Number(c.last_reading),
        resetCount: Number(c.reset_count),
        updatedAt: c.updated_at,
      })),
      events: events.map((e) => ({
        id: e.id,
        kind: e.kind,
        fromState: e.from_state,
        toState: e.to_state,
        at: e.at,
        actorUserId: e.actor_user_id,
        actorName: e.actor_name,
        reason: e.reason,
      })),
      readings: readings.map((r) => ({
        id: r.id,
        counter: r.counter,
        value: Number(r.value),
        delta: Number(r.delta),
        at: r.at,
        source: r.source,
        kind: r.kind,
      })),
      mounts: mounts.map((m) => ({
        id: m.id,
        moldId: m.mold_id,
        moldName: m.mold_name,
        pressId: m.press_id,
        pressName: m.press_name,
        mountedAt: m.mounted_at,
        removedAt: m.removed_at,
        mountedBy: m.mounted_by,
        removedBy: m.removed_by,
      })),
      allowedTransitions: view.holder ? allowedMoves(actor.role, row.state) : [],
    };
  }
}

/**
 * For maintenance: a work order takes its asset out of service (under repair, under maintenance) or back
 * into it, along the same lifecycle table as a manual change, with who and why on the timeline and in the
 * audit log. Moves nothing (and answers false) when the enterprise no longer keeps the asset, when the
 * asset is not in `from` (if given), or when the table has no such move.
 */
export async function moveAssetForWorkOrder(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  actor: Actor,
  change: { enterpriseId: string; assetId: string; from?: AssetState; to: AssetState; reason: string; workOrderId: string },
): Promise<boolean> {
  const trx = withTablesOf<AssetTables>(db);
  const asset = await repo.findKeptAsset(trx, change.enterpriseId, change.assetId);
  if (!asset) return false;
  const from = asset.state;
  if ((change.from !== undefined && from !== change.from) || !canMove(from, change.to)) return false;
  await repo.updateAsset(trx, asset.id, { state: change.to, updated_at: nowIso() });
  await repo.insertEvent(trx, event(asset.id, actor, 'lifecycle', { from, to: change.to, reason: change.reason }));
  await recordAudit(trx, actor, {
    action: 'lifecycle',
    entity: 'asset',
    entityId: asset.id,
    organisationId: change.enterpriseId,
    before: { state: from },
    after: { state: change.to, reason: change.reason, workOrderId: change.workOrderId },
  });
  return true;
}

function event(
  assetId: string,
  actor: Actor | null,
  kind: AssetEventsTable['kind'],
  change: { from?: AssetState; to?: AssetState; reason?: string | null },
): AssetEventsTable {
  return {
    id: randomUUID(),
    asset_id: assetId,
    kind,
    from_state: change.from ?? null,
    to_state: change.to ?? null,
    at: nowIso(),
    actor_user_id: actor?.userId ?? null,
    actor_name: actor?.username ?? null,
    reason: change.reason ?? null,
  };
}
