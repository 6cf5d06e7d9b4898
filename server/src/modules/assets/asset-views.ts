// The asset as the API sends it — the list row, and the detail with its counters, timeline, readings and
// mounts — the check that it holds no mold and sits on no press, and the timeline step every change writes.
// The asset and custody services both answer with the detail, read inside their own transaction.
import { randomUUID } from 'node:crypto';
import type { Actor, AssetDetailView, AssetState, AssetView } from '@tiantai/shared';
import { AppError, notFound } from '../../http/errors';
import { enterpriseOf, holderOf } from './assets.access';
import * as repo from './assets.repository';
import type { AssetDb, AssetRow } from './assets.repository';
import type { AssetEventsTable } from './assets.tables';
import { allowedMoves } from './lifecycle';

type AssetAttributes = AssetView['attributes'];

const nowIso = () => new Date().toISOString();
const READINGS_SHOWN = 50;

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
    remainingShots: row.design_life_shots === null ? null : Math.max(0, Number(row.design_life_shots) - Number(shots ?? 0)),
    overLifeShots: row.design_life_shots === null ? null : Math.max(0, Number(shots ?? 0) - Number(row.design_life_shots)),
    mountedOnAssetId: row.mounted_on_asset_id,
    mountedOnName: row.mounted_on_name,
    holder: holderOf(row) === enterpriseId,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The detail as the caller's enterprise sees it. */
export function assetDetail(db: AssetDb, actor: Actor, id: string): Promise<AssetDetailView> {
  return assetDetailOf(db, enterpriseOf(actor), actor, id);
}

/** The detail as `enterpriseId` sees it (after a transfer: the receiver, when the caller no longer sees it). */
export async function assetDetailOf(db: AssetDb, enterpriseId: string, actor: Actor, id: string): Promise<AssetDetailView> {
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

/** Before scrapping or handing over to another keeper: the mold is on no press, the press holds no mold. */
export async function requireUnmounted(trx: AssetDb, asset: AssetRow): Promise<void> {
  if (asset.mounted_on_asset_id) throw new AppError(409, 'CONFLICT', 'The mold is mounted on a press; unmount it first');
  const { n } = await repo.countMountedOn(trx, asset.id);
  if (Number(n) > 0) throw new AppError(409, 'CONFLICT', 'Molds are mounted on this press; unmount them first');
}

/** A step on the asset's timeline. */
export function assetEvent(
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
