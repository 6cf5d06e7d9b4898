import { randomBytes, randomUUID } from 'node:crypto';
import {
  PHOTO_TYPES,
  matchesFileSignature,
  type Actor,
  type InspectionCheckInView,
  type InspectionItemView,
  type InspectionPointOrderBody,
  type InspectionPointView,
  type InspectionResultBody,
  type InspectionResultView,
  type InspectionRoundDetailView,
  type InspectionRoundListQuery,
  type InspectionRoundView,
  type InspectionRouteDetailView,
  type InspectionRouteUpdateBody,
  type InspectionRouteView,
  type Paged,
  type inspectionPointBody,
  type inspectionPointUpdateBody,
  type inspectionRouteBody,
} from '@tiantai/shared';
import type { z } from 'zod';
import { withTablesOf } from '../../db/connection';
import type { UploadedFile } from '../../http/attachments';
import { enterpriseScope } from '../../http/access';
import { AppError, notFound } from '../../http/errors';
import { assetLabelSvg, findKeptAsset, findPlant, type AssetTables } from '../assets';
import { recordAudit } from '../identity';
import * as repo from './inspection.repository';
import type { InspectionDb, PointRow, ResultRow, RouteRow, RoundRow } from './inspection.repository';
import type { InspectionItemsTable, InspectionTables } from './inspection.tables';
import type { WorkOrderService } from './work-orders.service';

type RouteInput = z.output<typeof inspectionRouteBody>;
type PointInput = z.output<typeof inspectionPointBody>;
type PointUpdateInput = z.output<typeof inspectionPointUpdateBody>;

/** Inspection belongs to the enterprise walking its plant: county staff and departments get nothing here. */
const { enterpriseOf, requireAdmin } = enterpriseScope('Inspection belongs to enterprises');

const invalid = (message: string) => new AppError(400, 'VALIDATION_FAILED', message);

/**
 * Judges a recorded value: pass_fail by the answer, number and meter by the range [min, max]; text and
 * photo are not judged. A value that does not fit the item's kind is a 400, not a failure.
 */
export function evaluateItem(item: Pick<InspectionItemsTable, 'kind' | 'min' | 'max' | 'required'>, value: string): boolean | null {
  if (value === '') {
    if (item.required) throw invalid('value: this item is required');
    return null;
  }
  switch (item.kind) {
    case 'pass_fail':
      if (value !== 'pass' && value !== 'fail') throw invalid("value: 'pass' or 'fail'");
      return value === 'pass';
    case 'number':
    case 'meter': {
      const n = Number(value);
      if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value) || !Number.isFinite(n)) throw invalid('value: a number');
      const min = item.min === null ? null : Number(item.min);
      const max = item.max === null ? null : Number(item.max);
      return (min === null || n >= min) && (max === null || n <= max);
    }
    case 'text':
    case 'photo':
      return null;
  }
}

const qrToken = () => randomBytes(24).toString('base64url');

const toItemView = (i: InspectionItemsTable): InspectionItemView => ({
  id: i.id,
  seq: Number(i.seq),
  label: i.label,
  kind: i.kind,
  unit: i.unit,
  min: i.min === null ? null : Number(i.min),
  max: i.max === null ? null : Number(i.max),
  required: Number(i.required) === 1,
});

const toRouteView = (r: RouteRow): InspectionRouteView => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  name: r.name,
  plantId: r.plant_id,
  active: Number(r.active) === 1,
  pointCount: Number(r.point_count ?? 0),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toResultView = (r: ResultRow): InspectionResultView => ({
  id: r.id,
  pointId: r.point_id,
  itemId: r.item_id,
  checkedInAt: r.checked_in_at,
  value: r.value,
  passed: r.passed === null ? null : Number(r.passed) === 1,
  note: r.note,
  recordedAt: r.recorded_at,
  workOrderId: r.work_order_id,
  workOrderNumber: r.work_order_number,
  photoId: r.photo_ref,
});

const rangeText = (item: InspectionItemsTable) => {
  const unit = item.unit ?? '';
  const bound = (v: number | null) => (v === null ? '' : `${Number(v)}${unit}`);
  return item.min === null && item.max === null ? '—' : `${bound(item.min)} ~ ${bound(item.max)}`;
};

export class InspectionService {
  private readonly db: InspectionDb;

  /** A failed item opens its repair order through the same insert as 报修. */
  private readonly workOrders: WorkOrderService;
  private readonly now: () => Date;

  constructor(deps: { db: InspectionDb; workOrders: WorkOrderService; now?: () => Date }) {
    this.db = deps.db;
    this.workOrders = deps.workOrders;
    this.now = deps.now ?? (() => new Date());
  }

  // ---- routes, points, items ----

  async listRoutes(actor: Actor): Promise<InspectionRouteView[]> {
    return (await repo.listRoutes(this.db, enterpriseOf(actor))).map(toRouteView);
  }

  async getRoute(actor: Actor, id: string): Promise<InspectionRouteDetailView> {
    return this.routeDetail(this.db, await this.visibleRoute(this.db, actor, id));
  }

  async createRoute(actor: Actor, body: RouteInput): Promise<InspectionRouteDetailView> {
    const enterpriseId = requireAdmin(actor);
    const id = randomUUID();
    const at = this.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      await this.checkPlant(trx, enterpriseId, body.plantId);
      await repo.insertRoute(trx, {
        id,
        enterprise_id: enterpriseId,
        name: body.name,
        plant_id: body.plantId,
        active: body.active ? 1 : 0,
        created_at: at,
        updated_at: at,
      });
      const created = await this.routeDetail(trx, (await repo.findRoute(trx, enterpriseId, id))!);
      await recordAudit(trx, actor, {
        action: 'create',
        entity: 'inspection_route',
        entityId: id,
        organisationId: enterpriseId,
        after: created,
      });
      return created;
    });
  }

  async updateRoute(actor: Actor, id: string, body: InspectionRouteUpdateBody): Promise<InspectionRouteDetailView> {
    return this.db.transaction().execute(async (trx) => {
      const before = await this.visibleRoute(trx, actor, id);
      requireAdmin(actor);
      if (body.plantId !== undefined) await this.checkPlant(trx, before.enterprise_id, body.plantId);
      await repo.updateRoute(trx, id, {
        ...(body.name !== undefined && { name: body.name }),
        ...(body.plantId !== undefined && { plant_id: body.plantId }),
        ...(body.active !== undefined && { active: body.active ? 1 : 0 }),
        updated_at: this.now().toISOString(),
      });
      const after = (await repo.findRoute(trx, before.enterprise_id, id))!;
      await recordAudit(trx, actor, {
        action: 'update',
        entity: 'inspection_route',
        entityId: id,
        organisationId: before.enterprise_id,
        before: toRouteView(before),
        after: toRouteView(after),
      });
      return this.routeDetail(trx, after);
    });
  }

  /** Adds a point at the end of the route, with its check items in the given order and a fresh QR token. */
  async addPoint(actor: Actor, routeId: string, body: PointInput): Promise<InspectionRouteDetailView> {
    return this.db.transaction().execute(async (trx) => {
      const route = await this.visibleRoute(trx, actor, routeId);
      requireAdmin(actor);
      if (body.assetId !== null && !(await findKeptAsset(withTablesOf<AssetTables>(trx), route.enterprise_id, body.assetId)))
        throw notFound('Asset');
      const id = randomUUID();
      const at = this.now().toISOString();
      await repo.insertPoint(trx, {
        id,
        route_id: routeId,
        seq: await repo.nextPointSeq(trx, routeId),
        asset_id: body.assetId,
        name: body.name,
        qr_token: qrToken(),
        created_at: at,
      });
      await repo.insertItems(
        trx,
        body.items.map((item, index) => ({
          id: randomUUID(),
          point_id: id,
          seq: index + 1,
          label: item.label,
          kind: item.kind,
          unit: item.unit,
          min: item.min,
          max: item.max,
          required: item.required ? 1 : 0,
        })),
      );
      await repo.updateRoute(trx, routeId, { updated_at: at });
      await recordAudit(trx, actor, {
        action: 'add_point',
        entity: 'inspection_route',
        entityId: routeId,
        organisationId: route.enterprise_id,
        after: { pointId: id, ...body },
      });
      return this.routeDetail(trx, (await repo.findRoute(trx, route.enterprise_id, routeId))!);
    });
  }

  /**
   * Edits a point: name, asset, and the items as the new list in order. Items a round has checked in to keep
   * their kind and stay (409 otherwise), so a round's history always reads as it was checked.
   */
  async updatePoint(actor: Actor, pointId: string, body: PointUpdateInput): Promise<InspectionRouteDetailView> {
    return this.db.transaction().execute(async (trx) => {
      const point = await repo.findPoint(trx, enterpriseOf(actor), pointId);
      if (!point) throw notFound('Inspection point');
      requireAdmin(actor);
      if (body.assetId && !(await findKeptAsset(withTablesOf<AssetTables>(trx), point.enterprise_id, body.assetId)))
        throw notFound('Asset');
      const before = this.pointView(point, await repo.listItems(trx, [point.id]));
      const changes = {
        ...(body.name !== undefined && { name: body.name }),
        ...(body.assetId !== undefined && { asset_id: body.assetId }),
      };
      if (Object.keys(changes).length > 0) await repo.updatePoint(trx, point.id, changes);
      if (body.items) {
        const existing = new Map(before.items.map((i) => [i.id, i]));
        const kept = new Set<string>();
        for (const item of body.items) {
          if (item.id === undefined) continue;
          if (!existing.has(item.id)) throw invalid(`items: no item ${item.id} at this point`);
          if (kept.has(item.id)) throw invalid(`items: item ${item.id} twice`);
          kept.add(item.id);
        }
        const recorded = await repo.itemsWithResults(trx, [...existing.keys()]);
        const removed = [...existing.keys()].filter((id) => !kept.has(id));
        const removedRecorded = removed.filter((id) => recorded.has(id));
        if (removedRecorded.length > 0)
          throw new AppError(409, 'CONFLICT', 'Items that rounds have checked in to cannot be removed; make a new point instead', {
            itemIds: removedRecorded,
          });
        for (const item of body.items)
          if (item.id && recorded.has(item.id) && existing.get(item.id)!.kind !== item.kind)
            throw new AppError(409, 'CONFLICT', `Item ${existing.get(item.id)!.label} has results: its kind stays`, { itemId: item.id });
        await repo.deleteItems(trx, removed);
        for (const [index, item] of body.items.entries()) {
          const fields = {
            seq: index + 1,
            label: item.label,
            kind: item.kind,
            unit: item.unit,
            min: item.min,
            max: item.max,
            required: item.required ? 1 : 0,
          };
          if (item.id) await repo.updateItem(trx, item.id, fields);
          else await repo.insertItems(trx, [{ id: randomUUID(), point_id: point.id, ...fields }]);
        }
      }
      await repo.updateRoute(trx, point.route_id, { updated_at: this.now().toISOString() });
      const after = this.pointView((await repo.findPoint(trx, point.enterprise_id, point.id))!, await repo.listItems(trx, [point.id]));
      await recordAudit(trx, actor, {
        action: 'update_point',
        entity: 'inspection_route',
        entityId: point.route_id,
        organisationId: point.enterprise_id,
        before,
        after,
      });
      return this.routeDetail(trx, (await repo.findRoute(trx, point.enterprise_id, point.route_id))!);
    });
  }

  /** Removes a point no round has checked in to (409 otherwise: deactivate the route or keep it); the rest close up. */
  async deletePoint(actor: Actor, pointId: string): Promise<InspectionRouteDetailView> {
    return this.db.transaction().execute(async (trx) => {
      const point = await repo.findPoint(trx, enterpriseOf(actor), pointId);
      if (!point) throw notFound('Inspection point');
      requireAdmin(actor);
      if (await repo.pointHasResults(trx, point.id))
        throw new AppError(409, 'CONFLICT', 'Rounds have checked in at this point: it keeps their history');
      await repo.deletePoint(trx, point.id);
      await repo.reorderPoints(
        trx,
        (await repo.listPoints(trx, point.route_id)).map((p) => p.id),
      );
      await repo.updateRoute(trx, point.route_id, { updated_at: this.now().toISOString() });
      await recordAudit(trx, actor, {
        action: 'delete_point',
        entity: 'inspection_route',
        entityId: point.route_id,
        organisationId: point.enterprise_id,
        before: { pointId: point.id, name: point.name, seq: Number(point.seq) },
      });
      return this.routeDetail(trx, (await repo.findRoute(trx, point.enterprise_id, point.route_id))!);
    });
  }

  /** Sets the walking order: the body lists every point of the route once. */
  async reorderPoints(actor: Actor, routeId: string, body: InspectionPointOrderBody): Promise<InspectionRouteDetailView> {
    return this.db.transaction().execute(async (trx) => {
      const route = await this.visibleRoute(trx, actor, routeId);
      requireAdmin(actor);
      const current = (await repo.listPoints(trx, routeId)).map((p) => p.id);
      const given = new Set(body.pointIds);
      if (given.size !== body.pointIds.length || given.size !== current.length || current.some((id) => !given.has(id)))
        throw invalid('pointIds: every point of the route, once each');
      await repo.reorderPoints(trx, body.pointIds);
      await repo.updateRoute(trx, routeId, { updated_at: this.now().toISOString() });
      await recordAudit(trx, actor, {
        action: 'reorder_points',
        entity: 'inspection_route',
        entityId: routeId,
        organisationId: route.enterprise_id,
        before: { pointIds: current },
        after: { pointIds: body.pointIds },
      });
      return this.routeDetail(trx, (await repo.findRoute(trx, route.enterprise_id, routeId))!);
    });
  }

  /** The printable QR label of a point: only the admin prints it, as the token proves a visit. */
  async pointLabel(actor: Actor, pointId: string, origin: string): Promise<string> {
    const point = await repo.findPoint(this.db, enterpriseOf(actor), pointId);
    if (!point) throw notFound('Inspection point');
    requireAdmin(actor);
    return assetLabelSvg(`${origin}/inspect/${point.qr_token}`, point.route_name, `${point.seq}. ${point.name}`);
  }

  // ---- rounds ----

  async startRound(actor: Actor, routeId: string): Promise<InspectionRoundDetailView> {
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const route = await this.visibleRoute(trx, actor, routeId);
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
    return this.roundDetail(this.db, await this.visibleRound(this.db, actor, id));
  }

  /** Scanning a point's label: opens a result for each of its items. A token off this round's route is a 404. */
  async checkIn(actor: Actor, roundId: string, token: string): Promise<InspectionCheckInView> {
    return this.db.transaction().execute(async (trx) => {
      const round = await this.openRound(trx, actor, roundId);
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
      return { point: this.pointView(point, items), results: results.map(toResultView) };
    });
  }

  /**
   * Records one item of a point checked in this round. A failed item opens a repair work order for the
   * point's asset in the same transaction; the result keeps the link, so resubmitting opens no second one.
   */
  async recordResult(actor: Actor, roundId: string, body: InspectionResultBody): Promise<InspectionRoundDetailView> {
    const round = await this.openRound(this.db, actor, roundId);
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
   * match its type. It records the item (the value is the file's name); a new photo replaces the shown one.
   */
  async recordPhoto(actor: Actor, roundId: string, itemId: string, file: UploadedFile): Promise<InspectionRoundDetailView> {
    const round = await this.openRound(this.db, actor, roundId);
    const item = await repo.findRouteItem(this.db, round.route_id, itemId);
    if (!item) throw notFound('Inspection item');
    if (item.kind !== 'photo') throw invalid('itemId: not a photo item');
    const rejectFile = (message: string) => new AppError(400, 'ATTACHMENT_REJECTED', message);
    if (!(PHOTO_TYPES as readonly string[]).includes(file.mime)) throw rejectFile(`A photo: ${PHOTO_TYPES.join(', ')}`);
    if (file.content.length === 0) throw rejectFile('The file is empty');
    if (!matchesFileSignature(file.mime, file.content)) throw rejectFile(`The file's content is not ${file.mime}`);
    const at = this.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const result = await repo.findResult(trx, round.id, item.id);
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
    const round = await this.visibleRound(this.db, actor, roundId);
    const photo = await repo.findPhoto(this.db, round.id, photoId);
    if (!photo) throw notFound('Photo');
    return photo;
  }

  async finishRound(actor: Actor, roundId: string): Promise<InspectionRoundDetailView> {
    await this.db.transaction().execute(async (trx) => {
      const round = await this.openRound(trx, actor, roundId);
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

  private async visibleRoute(db: InspectionDb, actor: Actor, id: string): Promise<RouteRow> {
    const route = await repo.findRoute(db, enterpriseOf(actor), id);
    if (!route) throw notFound('Inspection route');
    return route;
  }

  private async visibleRound(db: InspectionDb, actor: Actor, id: string): Promise<RoundRow> {
    const round = await repo.findRound(db, enterpriseOf(actor), id);
    if (!round) throw notFound('Inspection round');
    return round;
  }

  private async openRound(db: InspectionDb, actor: Actor, id: string): Promise<RoundRow> {
    const round = await this.visibleRound(db, actor, id);
    if (round.finished_at !== null) throw new AppError(409, 'CONFLICT', 'The round is finished');
    return round;
  }

  private async checkPlant(db: InspectionDb, enterpriseId: string, plantId: string | null): Promise<void> {
    if (plantId !== null && !(await findPlant(withTablesOf<AssetTables>(db), enterpriseId, plantId))) throw notFound('Plant');
  }

  private pointView(p: PointRow, items: InspectionItemsTable[]): InspectionPointView {
    return {
      id: p.id,
      routeId: p.route_id,
      seq: Number(p.seq),
      name: p.name,
      assetId: p.asset_id,
      assetCode: p.asset_code,
      assetName: p.asset_name,
      items: items.filter((i) => i.point_id === p.id).map(toItemView),
    };
  }

  private async routeDetail(db: InspectionDb, route: RouteRow): Promise<InspectionRouteDetailView> {
    const points = await repo.listPoints(db, route.id);
    const items = await repo.listItems(
      db,
      points.map((p) => p.id),
    );
    return { ...toRouteView(route), points: points.map((p) => this.pointView(p, items)) };
  }

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
