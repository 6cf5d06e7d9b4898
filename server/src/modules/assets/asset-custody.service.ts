import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type AssetDetailView,
  type AssetTransferListQuery,
  type AssetTransferOfferView,
  type MountBody,
  TRANSFER_OFFERS_SHOWN,
  TRANSFER_TARGETS_SHOWN,
  type TransferBody,
  type TransferDecisionBody,
  type TransferRole,
  type TransferTargetView,
} from '@tiantai/shared';
import { requirePermission } from '../../http/access';
import { AppError, forbidden, isUniqueViolation, notFound } from '../../http/errors';
import { recordAudit } from '../identity';
import { enterpriseOf, heldAsset, holderOf, requireAdmin } from './assets.access';
import * as repo from './assets.repository';
import type { AssetDb, AssetRow } from './assets.repository';
import { assetDetail, assetDetailOf, assetEvent, requireUnmounted } from './asset-views';
import type { CustodyHooks } from './custody-hooks';

const nowIso = () => new Date().toISOString();

/** What a transfer answers: the asset moved at once (back to its owner), or the offer waiting for the receiver. */
export type TransferOutcome = { kind: 'moved'; asset: AssetDetailView } | { kind: 'offered'; offer: AssetTransferOfferView };

/** Who owns and keeps the asset after a transfer, and whether its keeper changes. */
interface Move {
  owner: string;
  custodian: string | null;
  newHolder: string;
  moves: boolean;
}

/**
 * The checks of a transfer from `senderId` to `target`, made when it is offered and again when it is accepted:
 * the sender owns (role owner) or keeps (role custodian) the asset, the target is not already that, the asset
 * sits on no press if its keeper changes, and a new owner has no asset with its code. `lost` says how a sender
 * that no longer owns or keeps it is answered (403 when offering, 409 when accepting).
 */
async function checkedMove(
  trx: AssetDb,
  asset: AssetRow,
  senderId: string,
  role: TransferRole,
  target: { id: string; name: string },
  lost: (message: string) => AppError,
): Promise<Move> {
  let owner = asset.enterprise_id;
  let custodian = asset.custodian_enterprise_id;
  if (role === 'owner') {
    if (asset.enterprise_id !== senderId) throw lost('Only the owner transfers ownership');
    if (target.id === owner) throw new AppError(409, 'CONFLICT', 'The enterprise already owns the asset');
    owner = target.id;
  } else {
    if (holderOf(asset) !== senderId) throw lost('Only the enterprise keeping the asset sends it elsewhere');
    if (target.id === holderOf(asset)) throw new AppError(409, 'CONFLICT', 'The enterprise already keeps the asset');
    custodian = target.id;
  }
  if (custodian === owner) custodian = null;
  const newHolder = custodian ?? owner;
  const moves = newHolder !== holderOf(asset);
  if (moves) await requireUnmounted(trx, asset);
  if (owner !== asset.enterprise_id && (await repo.findAssetByCode(trx, owner, asset.code)))
    throw new AppError(409, 'DUPLICATE', `${target.name} already has an asset with code ${asset.code}`, { field: 'code' });
  return { owner, custodian, newHolder, moves };
}

function offerView(row: repo.OfferRow, enterpriseId: string): AssetTransferOfferView {
  return {
    id: row.id,
    assetId: row.asset_id,
    assetCode: row.asset_code,
    assetName: row.asset_name,
    assetKind: row.asset_kind,
    fromEnterpriseId: row.from_enterprise_id,
    fromEnterpriseName: row.from_enterprise_name,
    toEnterpriseId: row.to_enterprise_id,
    toEnterpriseName: row.to_enterprise_name,
    role: row.role,
    reason: row.reason,
    status: row.status,
    direction: row.to_enterprise_id === enterpriseId ? 'incoming' : 'outgoing',
    createdBy: row.created_by,
    createdAt: row.created_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
  };
}

/**
 * Where an asset is and who holds it: a mold mounted on (and taken off) a press of the enterprise keeping
 * both, and the asset handed to another enterprise, as its owner or as its custodian, once that enterprise
 * accepts the offer.
 */
export class AssetCustodyService {
  private readonly db: AssetDb;
  private readonly hooks: CustodyHooks;

  constructor(deps: {
    db: AssetDb;
    /** Other modules' part of a change of hands (app.ts wires maintenance and the bell here). */
    hooks?: CustodyHooks;
  }) {
    this.db = deps.db;
    this.hooks = deps.hooks ?? {};
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
   * it to be kept elsewhere (to the owner: back home). Nothing moves into another enterprise without its
   * consent: the transfer becomes an offer its admin accepts or declines (security issue #13). Only a
   * custodian sending the asset back to its owner, whose inventory holds it already, moves it at once.
   */
  async transfer(actor: Actor, id: string, body: TransferBody): Promise<TransferOutcome> {
    let push: (() => void) | undefined;
    const outcome = await this.oneOfferPerAsset(() =>
      this.db.transaction().execute(async (trx): Promise<TransferOutcome> => {
        const enterpriseId = enterpriseOf(actor);
        const asset = await repo.findVisibleAsset(trx, enterpriseId, id);
        if (!asset) throw notFound('Asset');
        requirePermission(actor, 'assets.manage', 'Only the enterprise admin transfers an asset');
        const target = await repo.findEnterpriseName(trx, body.enterpriseId);
        if (!target) throw new AppError(400, 'VALIDATION_FAILED', `enterpriseId: no enterprise ${body.enterpriseId}`);
        const move = await checkedMove(trx, asset, enterpriseId, body.role, target, forbidden);
        const pending = await repo.findPendingOffer(trx, id);
        if (pending)
          throw new AppError(409, 'CONFLICT', 'A transfer of this asset is waiting for an answer; withdraw it first', {
            offerId: pending.id,
          });

        if (body.role === 'custodian' && target.id === asset.enterprise_id) {
          // Back home: the owner has the asset in its inventory already.
          await this.applyMove(trx, actor, asset, move, { senderId: enterpriseId, target, role: body.role, reason: body.reason ?? null });
          const stillVisible = await repo.findVisibleAsset(trx, enterpriseId, id);
          // The caller may no longer see it: answer with what it handed over, as the receiver sees it.
          return { kind: 'moved', asset: await assetDetailOf(trx, stillVisible ? enterpriseId : target.id, actor, id) };
        }

        const offerId = randomUUID();
        await repo.insertOffer(trx, {
          id: offerId,
          asset_id: id,
          from_enterprise_id: enterpriseId,
          to_enterprise_id: target.id,
          role: body.role,
          reason: body.reason || null,
          status: 'pending',
          created_by: actor.username,
          created_at: nowIso(),
          decided_by: null,
          decided_at: null,
          decision_note: null,
        });
        await recordAudit(trx, actor, {
          action: 'offer',
          entity: 'asset_transfer_offer',
          entityId: offerId,
          organisationId: enterpriseId,
          after: { assetId: id, toEnterpriseId: target.id, role: body.role, reason: body.reason ?? null },
        });
        const offer = offerView((await repo.findOffer(trx, enterpriseId, offerId))!, enterpriseId);
        if (this.hooks.offerMade) push = await this.hooks.offerMade(trx, offer);
        return { kind: 'offered', offer };
      }),
    );
    push?.();
    return outcome;
  }

  /** The caller enterprise's offers, sent and received (one direction with the filter), newest first. */
  async listOffers(actor: Actor, query: AssetTransferListQuery): Promise<AssetTransferOfferView[]> {
    const enterpriseId = enterpriseOf(actor);
    const rows = await repo.listOffers(this.db, enterpriseId, query, TRANSFER_OFFERS_SHOWN);
    return rows.map((r) => offerView(r, enterpriseId));
  }

  /**
   * The receiving admin takes the asset: everything the offer checked is checked again (the sender still
   * owns or keeps it, it sits on no press if it changes keeper, the receiver has no asset with its code), then
   * it moves as a transfer always has, with the records that follow the keeper (maintenance plans, orders).
   */
  async acceptOffer(actor: Actor, offerId: string): Promise<AssetTransferOfferView> {
    return this.db.transaction().execute(async (trx) => {
      const { offer, enterpriseId } = await this.pendingOffer(trx, actor, offerId, 'receiver');
      const lost = (message: string) => new AppError(409, 'CONFLICT', `The asset changed since it was offered: ${message}`);
      const asset = await repo.findVisibleAsset(trx, offer.from_enterprise_id, offer.asset_id);
      if (!asset) throw lost('the sender no longer owns or keeps it');
      const target = (await repo.findEnterpriseName(trx, enterpriseId))!;
      const move = await checkedMove(trx, asset, offer.from_enterprise_id, offer.role, target, lost);
      await this.applyMove(trx, actor, asset, move, {
        senderId: offer.from_enterprise_id,
        target,
        role: offer.role,
        reason: offer.reason,
      });
      return this.decide(trx, actor, offer, enterpriseId, 'accepted', null);
    });
  }

  /** The receiving admin declines: the asset stays where it is. */
  async declineOffer(actor: Actor, offerId: string, body: TransferDecisionBody): Promise<AssetTransferOfferView> {
    return this.db.transaction().execute(async (trx) => {
      const { offer, enterpriseId } = await this.pendingOffer(trx, actor, offerId, 'receiver');
      return this.decide(trx, actor, offer, enterpriseId, 'declined', body.note || null);
    });
  }

  /** The sending admin withdraws a pending offer. */
  async cancelOffer(actor: Actor, offerId: string): Promise<AssetTransferOfferView> {
    return this.db.transaction().execute(async (trx) => {
      const { offer, enterpriseId } = await this.pendingOffer(trx, actor, offerId, 'sender');
      return this.decide(trx, actor, offer, enterpriseId, 'cancelled', null);
    });
  }

  /** The offer for its sender or receiver (404 for anyone else), checked for the side and the admin, still pending. */
  private async pendingOffer(trx: AssetDb, actor: Actor, offerId: string, side: 'sender' | 'receiver') {
    const enterpriseId = enterpriseOf(actor);
    const offer = await repo.findOffer(trx, enterpriseId, offerId);
    if (!offer) throw notFound('Transfer offer');
    const ours = side === 'receiver' ? offer.to_enterprise_id : offer.from_enterprise_id;
    if (ours !== enterpriseId)
      throw forbidden(
        side === 'receiver' ? 'Only the receiving enterprise answers an offer' : 'Only the sending enterprise withdraws an offer',
      );
    requirePermission(actor, 'assets.manage', 'Only the enterprise admin answers or withdraws a transfer');
    if (offer.status !== 'pending')
      throw new AppError(409, 'INVALID_TRANSITION', `The offer is ${offer.status} already`, { status: offer.status });
    return { offer, enterpriseId };
  }

  private async decide(
    trx: AssetDb,
    actor: Actor,
    offer: repo.OfferRow,
    enterpriseId: string,
    status: 'accepted' | 'declined' | 'cancelled',
    note: string | null,
  ): Promise<AssetTransferOfferView> {
    const decided = await repo.decideOffer(trx, offer.id, {
      status,
      decided_by: actor.username,
      decided_at: nowIso(),
      decision_note: note,
    });
    if (!decided) throw new AppError(409, 'INVALID_TRANSITION', 'The offer was answered or withdrawn meanwhile');
    await recordAudit(trx, actor, {
      action: { accepted: 'accept', declined: 'decline', cancelled: 'cancel' }[status],
      entity: 'asset_transfer_offer',
      entityId: offer.id,
      organisationId: enterpriseId,
      before: { status: offer.status },
      after: { status, note },
    });
    return offerView((await repo.findOffer(trx, enterpriseId, offer.id))!, enterpriseId);
  }

  /** The move itself, as a transfer has always made it: the asset row, its timeline, and both sides' audit rows. */
  private async applyMove(
    trx: AssetDb,
    actor: Actor,
    asset: AssetRow,
    move: Move,
    transfer: { senderId: string; target: { id: string; name: string }; role: TransferRole; reason: string | null },
  ): Promise<void> {
    const at = nowIso();
    await repo.updateAsset(trx, asset.id, {
      enterprise_id: move.owner,
      custodian_enterprise_id: move.custodian,
      // plants and lines belong to the old keeper
      ...(move.moves && { plant_id: null, line_id: null }),
      updated_at: at,
    });
    const change = {
      before: { ownerId: asset.enterprise_id, custodianId: asset.custodian_enterprise_id },
      after: { ownerId: move.owner, custodianId: move.custodian },
    };
    await recordAudit(trx, actor, {
      action: 'transfer_out',
      entity: 'asset',
      entityId: asset.id,
      organisationId: transfer.senderId,
      ...change,
    });
    await recordAudit(trx, actor, {
      action: 'transfer_in',
      entity: 'asset',
      entityId: asset.id,
      organisationId: transfer.target.id,
      ...change,
    });
    const followed =
      move.moves && this.hooks.holderChanged
        ? await this.hooks.holderChanged(trx, {
            assetId: asset.id,
            assetCode: asset.code,
            assetName: asset.name,
            fromHolderId: holderOf(asset),
            toHolderId: move.newHolder,
            actor,
            at,
          })
        : null;
    const what = transfer.role === 'owner' ? `ownership → ${transfer.target.name}` : `custody → ${transfer.target.name}`;
    const reason = [transfer.reason ? `${what}: ${transfer.reason}` : what, followed].filter(Boolean).join('；');
    await repo.insertEvent(trx, assetEvent(asset.id, actor, 'transferred', { reason }));
  }

  /** A second offer sent at the same moment as the first trips the one-pending-offer index: the same 409. */
  private async oneOfferPerAsset<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError(409, 'CONFLICT', 'A transfer of this asset is waiting for an answer; withdraw it first');
      throw error;
    }
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
