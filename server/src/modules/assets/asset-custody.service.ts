import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type AssetDetailView,
  type MountBody,
  TRANSFER_TARGETS_SHOWN,
  type TransferBody,
  type TransferTargetView,
} from '@tiantai/shared';
import { requirePermission } from '../../http/access';
import { AppError, forbidden, notFound } from '../../http/errors';
import { recordAudit } from '../identity';
import { enterpriseOf, heldAsset, holderOf, requireAdmin } from './assets.access';
import * as repo from './assets.repository';
import type { AssetDb } from './assets.repository';
import { assetDetail, assetDetailOf, assetEvent, requireUnmounted } from './asset-views';

const nowIso = () => new Date().toISOString();

/**
 * Where an asset is and who holds it: a mold mounted on (and taken off) a press of the enterprise keeping
 * both, and the asset handed to another enterprise, as its owner or as its custodian.
 */
export class AssetCustodyService {
  private readonly db: AssetDb;

  constructor(deps: { db: AssetDb }) {
    this.db = deps.db;
  }

  /** Puts a mold on a press of the same (keeping) enterprise; a mold is on one press at most. */
  async mount(actor: Actor, id: string, body: MountBody): Promise<AssetDetailView> {
    return this.db.transaction().execute(async (trx) => {
      const mold = await heldAsset(trx, actor, id, 'admin');
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
      await repo.insertEvent(trx, assetEvent(id, actor, 'mounted', { reason: `${press.code} ${press.name}` }));
      await recordAudit(trx, actor, {
        action: 'mount',
        entity: 'asset',
        entityId: id,
        organisationId: holderOf(mold),
        after: { pressId: press.id },
      });
      return assetDetail(trx, actor, id);
    });
  }

  async unmount(actor: Actor, id: string): Promise<AssetDetailView> {
    return this.db.transaction().execute(async (trx) => {
      const mold = await heldAsset(trx, actor, id, 'admin');
      if (!mold.mounted_on_asset_id) throw new AppError(409, 'CONFLICT', 'The mold is not mounted');
      const at = nowIso();
      await repo.closeMount(trx, id, at, actor.username);
      await repo.updateAsset(trx, id, { mounted_on_asset_id: null, updated_at: at });
      await repo.insertEvent(trx, assetEvent(id, actor, 'unmounted', { reason: mold.mounted_on_name }));
      await recordAudit(trx, actor, {
        action: 'unmount',
        entity: 'asset',
        entityId: id,
        organisationId: holderOf(mold),
        before: { pressId: mold.mounted_on_asset_id },
      });
      return assetDetail(trx, actor, id);
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
      if (moves) await requireUnmounted(trx, asset);
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
      await repo.insertEvent(trx, assetEvent(id, actor, 'transferred', { reason: body.reason ? `${what}: ${body.reason}` : what }));
      const change = {
        before: { ownerId: asset.enterprise_id, custodianId: asset.custodian_enterprise_id },
        after: { ownerId: owner, custodianId: custodian },
      };
      await recordAudit(trx, actor, { action: 'transfer_out', entity: 'asset', entityId: id, organisationId: enterpriseId, ...change });
      await recordAudit(trx, actor, { action: 'transfer_in', entity: 'asset', entityId: id, organisationId: target.id, ...change });
      const stillVisible = await repo.findVisibleAsset(trx, enterpriseId, id);
      // The caller may no longer see it: answer with what it handed over, as the receiver sees it.
      return assetDetailOf(trx, stillVisible ? enterpriseId : target.id, actor, id);
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
}
