// The work order as the API sends it — the list row, and the detail with its checklist, timeline, spare parts
// and files — and the timeline step every change writes. The work-order, checklist and attachment services
// all answer with the detail, read inside their own transaction.
import { randomUUID } from 'node:crypto';
import type { Actor, WorkOrderDetailView, WorkOrderStatus, WorkOrderView } from '@tiantai/shared';
import * as repo from './maintenance.repository';
import type { MaintenanceDb, WorkOrderRow } from './maintenance.repository';
import { allowedActions, partiesOf } from './workflow';

/** An order as listed, with the actions the actor may take on it now. */
export function toOrderView(actor: Actor, r: WorkOrderRow): WorkOrderView {
  return {
    id: r.id,
    number: r.number,
    enterpriseId: r.enterprise_id,
    assetId: r.asset_id,
    assetCode: r.asset_code,
    assetName: r.asset_name,
    kind: r.kind,
    title: r.title,
    description: r.description,
    status: r.status,
    planId: r.plan_id,
    duePoint: r.due_point,
    dueAt: r.due_at,
    assigneeUserId: r.assignee_user_id,
    assigneeName: r.assignee_name,
    reportedBy: r.reported_by,
    downtimeStart: r.downtime_start,
    downtimeEnd: r.downtime_end,
    labourMinutes: r.labour_minutes === null ? null : Number(r.labour_minutes),
    result: r.result,
    completedAt: r.completed_at,
    acceptedAt: r.accepted_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    allowedActions: allowedActions(partiesOf(actor, { enterpriseId: r.enterprise_id }), r.status),
  };
}

/** An order with its checklist, timeline, spare parts used and attachments (metadata only). */
export async function orderDetail(db: MaintenanceDb, actor: Actor, row: WorkOrderRow): Promise<WorkOrderDetailView> {
  const [events, parts, attachments, checklist] = await Promise.all([
    repo.listEvents(db, row.id),
    repo.listOrderParts(db, row.id),
    repo.listAttachments(db, row.id),
    repo.listChecklist(db, row.id),
  ]);
  return {
    ...toOrderView(actor, row),
    checklist: checklist.map((c) => ({
      id: c.id,
      seq: Number(c.seq),
      item: c.item,
      required: Number(c.required) === 1,
      result: c.result,
      value: c.value,
      note: c.note,
      checkedAt: c.checked_at,
      checkedBy: c.checked_by,
    })),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      at: e.at,
      actorName: e.actor_name,
      note: e.note,
    })),
    parts: parts.map((p) => ({
      id: p.id,
      partId: p.part_id,
      partCode: p.code,
      partName: p.name,
      unit: p.unit,
      quantity: Number(p.quantity),
      at: p.at,
    })),
    attachments: attachments.map((a) => ({
      id: a.id,
      filename: a.filename,
      mime: a.mime,
      size: Number(a.size),
      uploadedAt: a.uploaded_at,
      uploadedBy: a.uploaded_by,
    })),
  };
}

/** A step in the order's timeline (who, from which status to which, a note), in the caller's transaction. */
export async function recordStep(
  trx: MaintenanceDb,
  actor: Actor | null,
  workOrderId: string,
  kind: string,
  step: { from?: WorkOrderStatus; to?: WorkOrderStatus; note: string | null; at: string },
): Promise<void> {
  const who = actor ? await repo.displayName(trx, actor.userId) : undefined;
  await repo.insertEvent(trx, {
    id: randomUUID(),
    work_order_id: workOrderId,
    kind,
    from_status: step.from ?? null,
    to_status: step.to ?? null,
    at: step.at,
    actor_user_id: actor?.userId ?? null,
    actor_name: who?.display_name ?? null,
    note: step.note,
  });
}
