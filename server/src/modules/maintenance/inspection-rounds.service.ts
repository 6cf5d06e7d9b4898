import { randomUUID } from 'node:crypto';
import {
  PHOTO_TYPES,
  matchesFileSignature,
  type Actor,
  type InspectionCheckInView,
  type InspectionResultBody,
  type InspectionRoundDetailView,
  type InspectionRoundListQuery,
  type InspectionRoundView,
  type Paged,
} from '@tiantai/shared';
import { withTablesOf } from '../../db/connection';
import type { UploadedFile } from '../../http/attachments';
import { AppError, notFound } from '../../http/errors';
import { findKeptAsset, type AssetTables } from '../assets';
import { recordAudit } from '../identity';
import { enterpriseOf, openRound, visibleRound, visibleRoute } from './inspection.access';
import { evaluateItem, invalid, rangeText, toPointView, toResultView } from './inspection-views';
import * as repo from './inspection.repository';
import type { InspectionDb, ResultRow, RoundRow } from './inspection.repository';
import type { InspectionTables } from './inspection.tables';
import type { WorkOrderService } from './work-orders.service';

/**
 * Carrying a patrol out (巡检): rounds started on an active route, points checked in by scanning their QR
 * label, each item recorded — a failed one opens a repair work order for the point's asset — photos for photo
 * items, and the round's progress until it is finished.
 */
export class InspectionRoundService {
  private readonly db: InspectionDb;

  /** A failed item opens its repair order through the same insert as 报修. */
  private readonly workOrders: WorkOrderService;
  private readonly now: () => Date;

  constructor(deps: { db: InspectionDb; workOrders: WorkOrderService; now?: () => Date }) {
    this.db = deps.db;
    this.workOrders = deps.workOrders;
    this.now = deps.now ?? (() => new Date());
  }

  async startRound(actor: Actor, routeId: string): Promise<InspectionRoundDetailView> {
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const route = await visibleRoute(trx, actor, routeId);
      if (Number(route.active) !== 1) throw new AppError(409, 'CONFLICT', 'The route is inactive');
      if (Number(route.point_count ?? 0) === 0) throw new AppError(409, 'CONFLICT', 'The route has no points yet');
      const at = this.now().toISOString();
      await repo.insertRound(trx, {
        id,
        route_id: routeId,
        enterprise_id: route.enterprise_id,
        started_by: actor.userId,
        started_at: at,
        finished_at: null,
      });
      await recordAudit(trx, actor, {
        action: 'start',
        entity: 'inspection_round',
        entityId: id,
        organisationId: route.enterprise_id,
        after: { routeId },
      });
    });
    return this.getRound(actor, id);
  }

  async listRounds(actor: Actor, query: InspectionRoundListQuery): Promise<Paged<InspectionRoundView>> {
    const { page, pageSize, routeId, mine, open } = query;
    const filter = { routeId, startedBy: mine ? actor.userId : undefined, openOnly: open };
    const { rows, total } = await repo.listRounds(this.db, enterpriseOf(actor), filter, { page, pageSize });
    const items = await Promise.all(rows.map(async (r) => this.roundProgress(this.db, r, await repo.listResults(this.db, r.id))));
    return { items, total, page, pageSize };
  }

  async getRound(actor: Actor, id: string): Promise<InspectionRoundDetailView> {
    return this.roundDetail(this.db, await visibleRound(this.db, actor, id));
  }

  /** Scanning a point's label: opens a result for each of its items. A token off this round's route is a 404. */
  async checkIn(actor: Actor, roundId: string, token: string): Promise<InspectionCheckInView> {
    return this.db.transaction().execute(async (trx) => {
      const round = await openRound(trx, actor, roundId);
      const point = await repo.findPointByToken(trx, round.route_id, token);
      if (!point) throw notFound('Inspection point');
      const items = await repo.listItems(trx, [point.id]);
      const at = this.now().toISOString();
      await repo.checkIn(
        trx,
        items.map((item) => ({
          id: randomUUID(),
          round_id: round.id,
          point_id: point.id,
          item_id: item.id,
          checked_in_at: at,
          checked_in_by: actor.userId,
          value: null,
          passed: null,
          note: null,
          photo_ref: null,
          recorded_at: null,
          recorded_by: null,
          work_order_id: null,
        })),
      );
      await recordAudit(trx, actor, {
        action: 'check_in',
        entity: 'inspection_round',
        entityId: round.id,
        organisationId: round.enterprise_id,
        after: { pointId: point.id },
      });
      const results = (await repo.listResults(trx, round.id)).filter((r) => r.point_id === point.id);
      return { point: toPointView(point, items), results: results.map(toResultView) };
    });
  }

  /**
   * Records one item of a point checked in this round. A failed item opens a repair work order for the
   * point's asset in the same transaction; the result keeps the link, so resubmitting opens no second one.
   */
  async recordResult(actor: Actor, roundId: string, body: InspectionResultBody): Promise<InspectionRoundDetailView> {
    const round = await openRound(this.db, actor, roundId);
    const point = await repo.findPoint(this.db, round.enterprise_id, body.pointId);
    if (!point || point.route_id !== round.route_id) throw notFound('Inspection point');
    const item = await repo.findItem(this.db, point.id, body.itemId);
    if (!item) throw notFound('Inspection item');
    if (item.kind === 'photo' && body.value !== '')
      throw invalid('value: a photo item takes its picture through POST /api/inspection/rounds/{id}/items/{itemId}/photo');
    const passed = evaluateItem(item, body.value);
    const now = this.now();
    const at = now.toISOString();
    let opened: string | null = null;

    await this.workOrders.insertNumbered(now, async (orderTrx, number) => {
      opened = null;
      const trx = withTablesOf<InspectionTables>(orderTrx);
      const before = await repo.findResult(trx, round.id, item.id);
      if (!before) throw new AppError(409, 'CONFLICT', 'Check in at the point first: scan its QR label');
      // The update comes first: on PostgreSQL it locks the row, so a concurrent submission waits and then sees our link.
      await repo.updateResult(trx, before.id, {
        value: body.value,
        passed: passed === null ? null : passed ? 1 : 0,
        note: body.note ?? null,
        photo_ref: null,
        recorded_at: at,
        recorded_by: actor.userId,
      });
      // A photo item recorded without its picture: the photo it showed is deleted, its URL answers 404.
      if (item.kind === 'photo') await repo.deleteReplacedPhotos(trx, round.id, before.id, null);
      const current = await repo.findResult(trx, round.id, item.id);
      let workOrderId = current?.work_order_id ?? null;
      if (passed === false && workOrderId === null && point.asset_id !== null) {
        if (await findKeptAsset(withTablesOf<AssetTables>(trx), round.enterprise_id, point.asset_id)) {
          workOrderId = randomUUID();
          await this.workOrders.insertReportedOrder(orderTrx, actor, {
            id: workOrderId,
            enterpriseId: round.enterprise_id,
            number,
            at,
            assetId: point.asset_id,
            kind: 'repair',
            title: `巡检异常：${point.name} · ${item.label}`.slice(0, 200),
            description: [
              `巡检路线：${point.route_name}（第 ${Number(point.seq)} 点：${point.name}）`,
              `检查项：${item.label}`,
              `记录值：${body.value}${item.unit ?? ''}`,
              ...(item.kind === 'number' || item.kind === 'meter' ? [`允许范围：${rangeText(item)}`] : []),
              ...(body.note ? [`备注：${body.note}`] : []),
            ].join('\n'),
          });
          if (!(await repo.linkWorkOrder(trx, before.id, workOrderId)))
            throw new AppError(409, 'CONFLICT', 'The item was recorded meanwhile; reload and try again');
          opened = workOrderId;
        }
      }
      await recordAudit(trx, actor, {
        action: 'record',
        entity: 'inspection_result',
        entityId: before.id,
        organisationId: round.enterprise_id,
        before: { value: before.value, passed: before.passed },
        after: { roundId: round.id, itemId: item.id, value: body.value, passed, workOrderId },
      });
      return true;
    });
    if (opened) await this.workOrders.announceCreated(round.enterprise_id, opened);
    return this.getRound(actor, round.id);
  }

  /**
   * The picture for a `photo` item of a point checked in this round: a JPEG, PNG or WebP whose first bytes
   * match its type. It records the item (the value is the file's name); a new photo replaces the shown one,
   * which is deleted in the same transaction (the file lives in its row), so its URL answers 404 once this commits.
   */
  async recordPhoto(actor: Actor, roundId: string, itemId: string, file: UploadedFile): Promise<InspectionRoundDetailView> {
    const round = await openRound(this.db, actor, roundId);
    const item = await repo.findRouteItem(this.db, round.route_id, itemId);
    if (!item) throw notFound('Inspection item');
    if (item.kind !== 'photo') throw invalid('itemId: not a photo item');
    const rejectFile = (message: string) => new AppError(400, 'ATTACHMENT_REJECTED', message);
    if (!(PHOTO_TYPES as readonly string[]).includes(file.mime)) throw rejectFile(`A photo: ${PHOTO_TYPES.join(', ')}`);
    if (file.content.length === 0) throw rejectFile('The file is empty');
    if (!matchesFileSignature(file.mime, file.content)) throw rejectFile(`The file's content is not ${file.mime}`);
    const at = this.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      // Locked: of two photos sent at once, the later replaces the earlier and deletes it, none is left unreferenced.
      const result = await repo.lockResult(trx, round.id, item.id);
      if (!result) throw new AppError(409, 'CONFLICT', 'Check in at the point first: scan its QR label');
      const photoId = randomUUID();
      await repo.insertPhoto(trx, {
        id: photoId,
        round_id: round.id,
        result_id: result.id,
        filename: file.filename,
        mime: file.mime,
        size: file.content.length,
        content: file.content,
        uploaded_at: at,
        uploaded_by: actor.username,
      });
      await repo.updateResult(trx, result.id, {
        value: file.filename,
        passed: null,
        photo_ref: photoId,
        recorded_at: at,
        recorded_by: actor.userId,
      });
      await repo.deleteReplacedPhotos(trx, round.id, result.id, photoId);
      await recordAudit(trx, actor, {
        action: 'record',
        entity: 'inspection_result',
        entityId: result.id,
        organisationId: round.enterprise_id,
        before: { value: result.value, photoId: result.photo_ref },
        after: { roundId: round.id, itemId: item.id, value: file.filename, photoId, size: file.content.length },
      });
    });
    return this.getRound(actor, round.id);
  }

  async photo(actor: Actor, roundId: string, photoId: string) {
    const round = await visibleRound(this.db, actor, roundId);
    const photo = await repo.findPhoto(this.db, round.id, photoId);
    if (!photo) throw notFound('Photo');
    return photo;
  }

  async finishRound(actor: Actor, roundId: string): Promise<InspectionRoundDetailView> {
    await this.db.transaction().execute(async (trx) => {
      const round = await openRound(trx, actor, roundId);
      const at = this.now().toISOString();
      if (!(await repo.finishRound(trx, round.id, at))) throw new AppError(409, 'CONFLICT', 'The round is finished already');
      await recordAudit(trx, actor, {
        action: 'finish',
        entity: 'inspection_round',
        entityId: round.id,
        organisationId: round.enterprise_id,
        after: { finishedAt: at },
      });
    });
    return this.getRound(actor, roundId);
  }

  // ---- helpers ----

  private async roundDetail(db: InspectionDb, round: RoundRow): Promise<InspectionRoundDetailView> {
    const results = await repo.listResults(db, round.id);
    return { ...(await this.roundProgress(db, round, results)), results: results.map(toResultView) };
  }

  private async roundProgress(db: InspectionDb, round: RoundRow, results: ResultRow[]): Promise<InspectionRoundView> {
    const totals = await repo.routeTotals(db, round.route_id);
    return {
      id: round.id,
      routeId: round.route_id,
      routeName: round.route_name,
      enterpriseId: round.enterprise_id,
      startedBy: round.started_by,
      startedByName: round.started_by_name,
      startedAt: round.started_at,
      finishedAt: round.finished_at,
      pointsTotal: totals.points,
      pointsChecked: new Set(results.map((r) => r.point_id)).size,
      itemsTotal: totals.items,
      itemsDone: results.filter((r) => r.recorded_at !== null).length,
      failures: results
        .filter((r) => r.passed !== null && Number(r.passed) === 0)
        .map((r) => ({
          pointId: r.point_id,
          pointName: r.point_name,
          itemId: r.item_id,
          itemLabel: r.item_label,
          value: r.value,
          workOrderId: r.work_order_id,
          workOrderNumber: r.work_order_number,
        })),
    };
  }
}
