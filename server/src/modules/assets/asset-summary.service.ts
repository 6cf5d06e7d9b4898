import {
  ASSET_KINDS,
  ASSET_STATES,
  type Actor,
  type AssetSharingBody,
  type AssetSharingView,
  type AssetSummaryView,
} from '@tiantai/shared';
import { requirePermission } from '../../http/access';
import { recordAudit } from '../identity';
import { enterpriseOf, requireAdmin } from './assets.access';
import * as repo from './assets.repository';
import type { AssetDb } from './assets.repository';

const nowIso = () => new Date().toISOString();
/** A mold at or beyond this share of its design life is "near end of life" on the county summary. */
const NEAR_END_OF_LIFE = 0.9;

const toSharingView = (row: { shared: number; updated_at: string; updated_by: string | null } | undefined): AssetSharingView => ({
  shared: Boolean(row && Number(row.shared)),
  updatedAt: row?.updated_at ?? null,
  updatedBy: row?.updated_by ?? null,
});

/** Asset counts for the county (and the enterprises that share theirs) and for an enterprise itself. */
export class AssetSummaryService {
  private readonly db: AssetDb;

  constructor(deps: { db: AssetDb }) {
    this.db = deps.db;
  }

  /**
   * Counts only: county staff across the county (plus, for each enterprise that chose to share, its own
   * summary exactly as it sees it), an enterprise over what it owns or keeps.
   */
  async summary(actor: Actor): Promise<AssetSummaryView> {
    requirePermission(actor, 'assets.summary', 'The asset summary is for county staff and enterprises');
    const scope = actor.organisationKind === 'enterprise' ? actor.organisationId : undefined;
    const { holders, ...counts } = await this.counts(scope);
    const sharing = scope === undefined ? await repo.sharingEnterprises(this.db) : [];
    const sharedEnterprises = await Promise.all(
      sharing.map(async (e) => {
        const { holders: _holders, ...own } = await this.counts(e.id);
        return { enterpriseId: e.id, enterpriseName: e.name, ...own };
      }),
    );
    return { ...counts, enterprises: holders, sharedEnterprises };
  }

  /** The caller's own enterprise's choice to share its summary; county staff and departments 403. */
  async getSharing(actor: Actor): Promise<AssetSharingView> {
    return toSharingView(await repo.findSharing(this.db, enterpriseOf(actor)));
  }

  /** The enterprise admin turns sharing on or off; audited. */
  async setSharing(actor: Actor, body: AssetSharingBody): Promise<AssetSharingView> {
    const enterpriseId = requireAdmin(actor);
    return this.db.transaction().execute(async (trx) => {
      const before = await repo.findSharing(trx, enterpriseId);
      const row = { enterprise_id: enterpriseId, shared: body.shared ? 1 : 0, updated_at: nowIso(), updated_by: actor.username };
      await repo.upsertSharing(trx, row);
      await recordAudit(trx, actor, {
        action: 'update',
        entity: 'asset_sharing',
        entityId: enterpriseId,
        organisationId: enterpriseId,
        before: { shared: Boolean(before && Number(before.shared)) },
        after: { shared: body.shared },
      });
      return toSharingView(row);
    });
  }

  private async counts(scope: string | undefined) {
    const groups = await repo.countAssets(this.db, scope);
    const byKind = Object.fromEntries(ASSET_KINDS.map((k) => [k, 0])) as AssetSummaryView['byKind'];
    const byState = Object.fromEntries(ASSET_STATES.map((s) => [s, 0])) as AssetSummaryView['byState'];
    const holders = new Set<string>();
    let total = 0;
    for (const g of groups) {
      const n = Number(g.n);
      byKind[g.kind] += n;
      byState[g.state] += n;
      holders.add(g.holder);
      total += n;
    }
    const near = await repo.countMoldsNearEndOfLife(this.db, NEAR_END_OF_LIFE, scope);
    return { total, holders: holders.size, byKind, byState, moldsNearEndOfLife: Number(near.n) };
  }
}
