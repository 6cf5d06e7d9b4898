// Files on a request: photos and PDFs from its parties while it is open, and their download by whoever sees the
// request. Each upload is a timeline step, written with the file in one transaction; the answer is the
// request's detail as the request service gives it.
import { randomUUID } from 'node:crypto';
import type { Actor, RequestDetailView } from '@tiantai/shared';
import { checkAttachment } from '../../http/attachments';
import { AppError, forbidden, notFound } from '../../http/errors';
import { recordAudit } from '../identity';
import { recordStep } from './request-views';
import { visibleRequest } from './service-requests.access';
import * as repo from './service-requests.repository';
import type { ServiceRequestDb } from './service-requests.repository';
import type { ServiceRequestService } from './service-requests.service';
import { partiesOf } from './workflow';

export class RequestAttachmentService {
  private readonly db: ServiceRequestDb;
  private readonly requests: ServiceRequestService;
  private readonly now: () => Date;

  constructor(deps: {
    db: ServiceRequestDb;
    /** An upload answers with the request's detail, timeline and files included. */
    requests: ServiceRequestService;
    /** The time source of the upload's timestamp. */
    now?: () => Date;
  }) {
    this.db = deps.db;
    this.requests = deps.requests;
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Photos and PDFs from any party of the request while it is open. The declared type must match the
   * file's own first bytes, so a renamed executable is not served back as a "photo". The status and the count
   * are read with the request's row locked, in the transaction that inserts: concurrent uploads never pass the limit.
   */
  async attach(actor: Actor, id: string, file: { filename: string; mime: string; content: Buffer }): Promise<RequestDetailView> {
    const row = await visibleRequest(this.db, actor, id);
    if (partiesOf(actor, { enterpriseId: row.enterprise_id, leadDepartmentId: row.lead_department_id }).size === 0) {
      throw forbidden('Only the enterprise, the office and the lead department attach files');
    }
    const at = this.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const locked = await repo.lockRequestForAttachment(trx, id);
      if (!locked) throw notFound('Request');
      if (locked.status === 'closed' || locked.status === 'rejected')
        throw new AppError(409, 'INVALID_TRANSITION', `Cannot attach to a ${locked.status} request`);
      checkAttachment(file, (await repo.listAttachments(trx, id)).length, 'request');
      const who = await trx.selectFrom('users').select('display_name').where('id', '=', actor.userId).executeTakeFirst();
      const attachmentId = randomUUID();
      await repo.insertAttachment(trx, {
        id: attachmentId,
        request_id: id,
        filename: file.filename,
        mime: file.mime,
        size: file.content.length,
        content: file.content,
        uploaded_at: at,
        uploaded_by: who?.display_name ?? null,
      });
      await recordStep(trx, actor, id, 'attach', file.filename, at);
      await recordAudit(trx, actor, {
        action: 'attach',
        entity: 'service_request',
        entityId: id,
        organisationId: row.enterprise_id,
        after: { attachmentId, filename: file.filename, mime: file.mime, size: file.content.length },
      });
    });
    return this.requests.get(actor, id);
  }

  /** The file itself, for whoever sees the request. */
  async attachment(actor: Actor, id: string, attachmentId: string) {
    await visibleRequest(this.db, actor, id);
    const file = await repo.findAttachment(this.db, id, attachmentId);
    if (!file) throw notFound('Attachment');
    return file;
  }
}
