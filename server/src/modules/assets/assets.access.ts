import type { Actor } from '@tiantai/shared';
import { enterpriseScope, requirePermission } from '../../http/access';
import { forbidden, notFound } from '../../http/errors';
import * as repo from './assets.repository';
import type { AssetDb, AssetRow } from './assets.repository';
import type { AssetsTable } from './assets.tables';

/** Assets are kept by enterprises: county staff get the summary only, departments nothing. */
export const { enterpriseOf, requireAdmin } = enterpriseScope(
  'Assets belong to enterprises; county staff read the summary',
  'Only the enterprise admin changes plants, lines and assets',
);

/** The enterprise that keeps the asset: the custodian, or the owner when nobody else keeps it. */
export const holderOf = (row: Pick<AssetsTable, 'enterprise_id' | 'custodian_enterprise_id'>) =>
  row.custodian_enterprise_id ?? row.enterprise_id;

/** The asset if the caller's enterprise keeps it and the caller's role may act ('member': technicians too). */
export async function heldAsset(trx: AssetDb, actor: Actor, id: string, level: 'admin' | 'member'): Promise<AssetRow> {
  const enterpriseId = enterpriseOf(actor);
  const asset = await repo.findVisibleAsset(trx, enterpriseId, id);
  if (!asset) throw notFound('Asset');
  if (holderOf(asset) !== enterpriseId) throw forbidden('Only the enterprise keeping the asset changes it');
  if (level === 'admin') requirePermission(actor, 'assets.manage', 'Only the enterprise admin does this');
  return asset;
}
