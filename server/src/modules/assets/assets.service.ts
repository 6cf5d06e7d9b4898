import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type AssetDetailView,
  type AssetListQuery,
  type AssetState,
  type AssetUpdateBody,
  type AssetView,
  type LifecycleBody,
  type Paged,
  type PublishEvent,
  type ReadingBody,
  type assetBody,
  eventText,
} from '@tiantai/shared';
import type { Kysely, Updateable } from 'kysely';
import type { z } from 'zod';
import { withTablesOf } from '../../db/connection';
import { AppError, forbidden, notFound } from '../../http/errors';
import { recordAudit } from '../identity';
import { enterpriseOf, heldAsset, holderOf, requireAdmin } from './assets.access';
import * as repo from './assets.repository';
import type { AssetDb } from './assets.repository';
import type { AssetTables, AssetsTable } from './assets.tables';
import { assetDetail, assetEvent, requireUnmounted, toAssetView } from './asset-views';
import { counterStep } from './counters';
import { canMove, roleMayMove } from './lifecycle';
import { assetLabelSvg } from './label';

type AssetInput = z.output<typeof assetBody>;

const nowIso = () => new Date().toISOString();

/**
 * The asset's own record: listed and read, created and edited, moved along its lifecycle, its counter
 * readings and its QR label. Where it is and who holds it (mounts, transfers): asset-custody.service.ts.
 */
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
    return assetDetail(this.db, actor, id);
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
      await repo.insertEvent(trx, assetEvent(id, actor, 'created', { to: body.state }));
      const created = await assetDetail(trx, actor, id);
      await recordAudit(trx, actor, { action: 'create', entity: 'asset', entityId: id, organisationId: enterpriseId, after: created });
      return created;
    });
  }

  async updateAsset(actor: Actor, id: string, body: AssetUpdateBody): Promise<AssetDetailView> {
    return this.db.transaction().execute(async (trx) => {
      const before = await heldAsset(trx, actor, id, 'admin');
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
      const after = await assetDetail(trx, actor, id);
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
      const asset = await heldAsset(trx, actor, id, 'member');
      const from = asset.state;
      if (!canMove(from, body.to))
        throw new AppError(409, 'INVALID_TRANSITION', `An asset ${from} cannot move to ${body.to}`, { from, to: body.to });
      if (!roleMayMove(actor.role, from, body.to)) throw forbidden(`Only the enterprise admin moves an asset from ${from} to ${body.to}`);
      if (body.to === 'scrapped') await requireUnmounted(trx, asset);
      await repo.updateAsset(trx, id, { state: body.to, updated_at: nowIso() });
      await repo.insertEvent(trx, assetEvent(id, actor, 'lifecycle', { from, to: body.to, reason: body.reason }));
      await recordAudit(trx, actor, {
        action: 'lifecycle',
        entity: 'asset',
        entityId: id,
        organisationId: holderOf(asset),
        before: { state: from },
        after: { state: body.to, reason: body.reason },
      });
      return { detail: await assetDetail(trx, actor, id), asset, from };
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
      const asset = await heldAsset(trx, actor, id, 'member');
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
      return assetDetail(trx, actor, id);
    });
  }

  async label(actor: Actor, id: string, origin: string): Promise<string> {
    const enterpriseId = enterpriseOf(actor);
    const asset = await repo.findVisibleAsset(this.db, enterpriseId, id);
    if (!asset) throw notFound('Asset');
    return assetLabelSvg(`${origin}/assets/${asset.id}`, asset.code, asset.name);
  }

  // ---- helpers ----

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
  await repo.insertEvent(trx, assetEvent(asset.id, actor, 'lifecycle', { from, to: change.to, reason: change.reason }));
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
