import { randomUUID } from 'node:crypto';
import type { Actor, WorkOrderDetailView } from '@tiantai/shared';
import { checkAttachment } from '../../http/attachments';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../identity';
import * as repo from './maintenance.repository';
import type { MaintenanceDb } from './maintenance.repository';
import { requireRunningEnterprise, visibleOrder } from './work-order.access';
import { orderDetail, recordStep } from './work-order-views';

/** A work order's files: photos and PDFs of the fault and the repair, each a step in the order's timeline. */
export class WorkOrderAttachmentService {
  private readonly db: MaintenanceDb;
  private readonly now: () => Date;

  constructor(deps: {
    db: MaintenanceDb;
    /** The time source: tests set the clock. */
    now?: () => Date;
  }) {
    this.db = deps.db;
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Photos and PDFs (the fault, the repaired part) from any user of the enterprise running the order,
   * until it is accepted. The declared type must match the file's own first bytes. The status and the count
   * are read with the order's row locked, in the transaction that inserts: concurrent uploads never pass the limit.
   */
  async attach(actor: Actor, id: string, file: { filename: string; mime: string; content: Buffer }): Promise<WorkOrderDetailView> {
    const row = await visibleOrder(this.db, actor, id);
    requireRunningEnterprise(actor, row, 'Only users of the enterprise running the work order attach files');
    const at = this.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const locked = await repo.lockOrderForAttachment(trx, id);
      if (!locked) throw notFound('Work order');
      if (locked.status === 'accepted')
        throw new AppError(409, 'INVALID_TRANSITION', 'Cannot attach to an accepted work order', { from: locked.status, action: 'attach' });
      checkAttachment(file, (await repo.listAttachments(trx, id)).length, 'work order');
      const who = await repo.displayName(trx, actor.userId);
      const attachmentId = randomUUID();
      await repo.insertAttachment(trx, {
        id: attachmentId,
        work_order_id: id,
        filename: file.filename,
        mime: file.mime,
        size: file.content.length,
        content: file.content,
        uploaded_at: at,
        uploaded_by: who?.display_name ?? null,
      });
      await recordStep(trx, actor, id, 'attach', { note: file.filename, at });
      await recordAudit(trx, actor, {
        action: 'attach',
        entity: 'work_order',
        entityId: id,
        organisationId: row.enterprise_id,
        after: { attachmentId, filename: file.filename, mime: file.mime, size: file.content.length },
      });
    });
    return orderDetail(this.db, actor, await visibleOrder(this.db, actor, id));
  }

  /** One file with its content, for download; 404 unless it belongs to a visible order. */
  async attachment(actor: Actor, id: string, attachmentId: string) {
    await visibleOrder(this.db, actor, id);
    const file = await repo.findAttachment(this.db, id, attachmentId);
    if (!file) throw notFound('Attachment');
    return file;
  }
}
