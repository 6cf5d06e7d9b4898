import { randomBytes, randomUUID } from 'node:crypto';
import {
  type Actor,
  type InspectionPointOrderBody,
  type InspectionRouteDetailView,
  type InspectionRouteUpdateBody,
  type InspectionRouteView,
  type inspectionPointBody,
  type inspectionPointUpdateBody,
  type inspectionRouteBody,
} from '@tiantai/shared';
import type { z } from 'zod';
import { withTablesOf } from '../../db/connection';
import { AppError, notFound } from '../../http/errors';
import { assetLabelSvg, findKeptAsset, findPlant, type AssetTables } from '../assets';
import { recordAudit } from '../identity';
import { enterpriseOf, requireAdmin, visibleRoute } from './inspection.access';
import { invalid, toPointView, toRouteView } from './inspection-views';
import * as repo from './inspection.repository';
import type { InspectionDb, RouteRow } from './inspection.repository';

type RouteInput = z.output<typeof inspectionRouteBody>;
type PointInput = z.output<typeof inspectionPointBody>;
type PointUpdateInput = z.output<typeof inspectionPointUpdateBody>;

const qrToken = () => randomBytes(24).toString('base64url');

/**
 * The plan of a patrol (巡检路线): an enterprise's routes, their points in walking order — each with a QR label
 * whose token proves a visit — and each point's check items. Its admin edits them; what rounds have checked
 * in to keeps its history (409 on removing it).
 */
export class InspectionRouteService {
  private readonly db: InspectionDb;
  private readonly now: () => Date;

  constructor(deps: { db: InspectionDb; now?: () => Date }) {
    this.db = deps.db;
    this.now = deps.now ?? (() => new Date());
  }

  async listRoutes(actor: Actor): Promise<InspectionRouteView[]> {
    return (await repo.listRoutes(this.db, enterpriseOf(actor))).map(toRouteView);
  }

  async getRoute(actor: Actor, id: string): Promise<InspectionRouteDetailView> {
    return this.routeDetail(this.db, await visibleRoute(this.db, actor, id));
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
      const before = await visibleRoute(trx, actor, id);
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
      const route = await visibleRoute(trx, actor, routeId);
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
      const before = toPointView(point, await repo.listItems(trx, [point.id]));
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
      const after = toPointView((await repo.findPoint(trx, point.enterprise_id, point.id))!, await repo.listItems(trx, [point.id]));
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
      const route = await visibleRoute(trx, actor, routeId);
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

  // ---- helpers ----

  private async checkPlant(db: InspectionDb, enterpriseId: string, plantId: string | null): Promise<void> {
    if (plantId !== null && !(await findPlant(withTablesOf<AssetTables>(db), enterpriseId, plantId))) throw notFound('Plant');
  }

  private async routeDetail(db: InspectionDb, route: RouteRow): Promise<InspectionRouteDetailView> {
    const points = await repo.listPoints(db, route.id);
    const items = await repo.listItems(
      db,
      points.map((p) => p.id),
    );
    return { ...toRouteView(route), points: points.map((p) => toPointView(p, items)) };
  }
}
