// What maintenance does when an asset goes to another keeper (issue #14, item 2), inside the transaction that
// moves it: the asset's active plans go with it to the new keeper — their due points count on from the same
// counters and dates — and the old keeper's orders still to be worked on close as cancelled, reason
// 'transferred', each with a step in its history. The assets module calls this through its CustodyHooks
// (wired in app.ts), since it does not import maintenance.
import { type Actor, type WorkOrderStatus } from '@tiantai/shared';
import type { Kysely } from 'kysely';
import { withTablesOf } from '../../db/connection';
import type { AssetTables } from '../assets';
import { recordAudit } from '../identity';
import type { MaintenanceDb } from './maintenance.repository';
import type { MaintenanceTables } from './maintenance.tables';
import { recordStep } from './work-order-views';
import { CLOSED_ON_TRANSFER } from './workflow';

export interface AssetHandover {
  assetId: string;
  fromHolderId: string;
  toHolderId: string;
  actor: Actor;
  at: string;
}

/** Moves the plans and closes the orders; answers a line for the asset's timeline, or null when nothing changed. */
export async function handOverMaintenance(db: Kysely<AssetTables>, change: AssetHandover): Promise<string | null> {
  const trx: MaintenanceDb = withTablesOf<MaintenanceTables>(db);
  const { assetId, fromHolderId, toHolderId, actor, at } = change;
  const receiver = await trx.selectFrom('organisations').select('name').where('id', '=', toHolderId).executeTakeFirst();
  const receiverName = receiver?.name ?? toHolderId;

  const plans = await trx
    .selectFrom('maintenance_plans')
    .select(['id', 'name'])
    .where('asset_id', '=', assetId)
    .where('enterprise_id', '=', fromHolderId)
    .where('active', '=', 1)
    .orderBy('name')
    .execute();
  for (const plan of plans) {
    await trx.updateTable('maintenance_plans').set({ enterprise_id: toHolderId, updated_at: at }).where('id', '=', plan.id).execute();
    await recordAudit(trx, actor, {
      action: 'hand_over',
      entity: 'maintenance_plan',
      entityId: plan.id,
      organisationId: toHolderId,
      before: { enterpriseId: fromHolderId },
      after: { enterpriseId: toHolderId, reason: 'transferred' },
    });
  }

  const orders = await trx
    .selectFrom('work_orders')
    .select(['id', 'number', 'kind', 'status', 'due_point', 'downtime_start', 'downtime_end'])
    .where('asset_id', '=', assetId)
    .where('enterprise_id', '=', fromHolderId)
    .where('status', 'in', [...CLOSED_ON_TRANSFER.from])
    .orderBy('number')
    .execute();
  for (const order of orders) {
    const to: WorkOrderStatus = CLOSED_ON_TRANSFER.to;
    await trx
      .updateTable('work_orders')
      .set({
        status: to,
        // the asset's lifecycle state stays as it is: the new keeper decides (its admin moves it)
        asset_state_set: null,
        // frees the plan's due point: the plan, now the new keeper's, makes that keeper its own order
        due_point: null,
        // the old keeper's downtime ends when the asset leaves it
        ...(order.downtime_start && !order.downtime_end && { downtime_end: at }),
        updated_at: at,
      })
      .where('id', '=', order.id)
      .execute();
    const duePoint = order.due_point ? `（到期点 ${order.due_point}）` : '';
    await recordStep(trx, null, order.id, 'transferred', {
      from: order.status,
      to,
      note: `资产已转交${receiverName}，工单关闭${duePoint}`,
      at,
    });
    await recordAudit(trx, actor, {
      action: 'cancel',
      entity: 'work_order',
      entityId: order.id,
      organisationId: fromHolderId,
      before: { status: order.status },
      after: { status: to, reason: CLOSED_ON_TRANSFER.reason },
    });
  }

  const parts = [
    ...(plans.length > 0 ? [`保养计划随资产转交：${plans.map((p) => p.name).join('、')}`] : []),
    ...(orders.length > 0 ? [`原保管方未完成工单因转移关闭：${orders.map((o) => o.number).join('、')}`] : []),
  ];
  return parts.length > 0 ? parts.join('；') : null;
}
