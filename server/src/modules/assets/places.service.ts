import { randomUUID } from 'node:crypto';
import type { Actor, LineBody, LineView, PlantBody, PlantView } from '@tiantai/shared';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../identity';
import { enterpriseOf, requireAdmin } from './assets.access';
import * as repo from './assets.repository';
import type { AssetDb } from './assets.repository';
import type { LinesTable, PlantsTable } from './assets.tables';

const nowIso = () => new Date().toISOString();

const toPlantView = (row: PlantsTable): PlantView => ({
  id: row.id,
  enterpriseId: row.enterprise_id,
  name: row.name,
  address: row.address,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toLineView = (row: LinesTable): LineView => ({
  id: row.id,
  enterpriseId: row.enterprise_id,
  plantId: row.plant_id,
  name: row.name,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** An enterprise's plants (厂区) and their production lines: where its assets stand. */
export class PlaceService {
  private readonly db: AssetDb;

  constructor(deps: { db: AssetDb }) {
    this.db = deps.db;
  }

  async listPlants(actor: Actor): Promise<PlantView[]> {
    return (await repo.listPlants(this.db, enterpriseOf(actor))).map(toPlantView);
  }

  async createPlant(actor: Actor, body: PlantBody): Promise<PlantView> {
    const enterpriseId = requireAdmin(actor);
    const now = nowIso();
    const row: PlantsTable = {
      id: randomUUID(),
      enterprise_id: enterpriseId,
      name: body.name,
      address: body.address ?? null,
      created_at: now,
      updated_at: now,
    };
    return this.db.transaction().execute(async (trx) => {
      await repo.insertPlant(trx, row);
      const created = toPlantView(row);
      await recordAudit(trx, actor, { action: 'create', entity: 'plant', entityId: row.id, organisationId: enterpriseId, after: created });
      return created;
    });
  }

  async updatePlant(actor: Actor, id: string, body: Partial<PlantBody>): Promise<PlantView> {
    const enterpriseId = enterpriseOf(actor);
    return this.db.transaction().execute(async (trx) => {
      const before = await repo.findPlant(trx, enterpriseId, id);
      if (!before) throw notFound('Plant');
      requireAdmin(actor);
      await repo.updatePlant(trx, id, {
        ...(body.name !== undefined && { name: body.name }),
        ...(body.address !== undefined && { address: body.address }),
        updated_at: nowIso(),
      });
      const after = toPlantView((await repo.findPlant(trx, enterpriseId, id))!);
      await recordAudit(trx, actor, {
        action: 'update',
        entity: 'plant',
        entityId: id,
        organisationId: enterpriseId,
        before: toPlantView(before),
        after,
      });
      return after;
    });
  }

  async listLines(actor: Actor, plantId?: string): Promise<LineView[]> {
    return (await repo.listLines(this.db, enterpriseOf(actor), plantId)).map(toLineView);
  }

  async createLine(actor: Actor, body: LineBody): Promise<LineView> {
    const enterpriseId = requireAdmin(actor);
    const now = nowIso();
    return this.db.transaction().execute(async (trx) => {
      if (!(await repo.findPlant(trx, enterpriseId, body.plantId)))
        throw new AppError(400, 'VALIDATION_FAILED', `plantId: no plant ${body.plantId}`);
      const row: LinesTable = {
        id: randomUUID(),
        enterprise_id: enterpriseId,
        plant_id: body.plantId,
        name: body.name,
        created_at: now,
        updated_at: now,
      };
      await repo.insertLine(trx, row);
      const created = toLineView(row);
      await recordAudit(trx, actor, { action: 'create', entity: 'line', entityId: row.id, organisationId: enterpriseId, after: created });
      return created;
    });
  }

  async updateLine(actor: Actor, id: string, body: Partial<LineBody>): Promise<LineView> {
    const enterpriseId = enterpriseOf(actor);
    return this.db.transaction().execute(async (trx) => {
      const before = await repo.findLine(trx, enterpriseId, id);
      if (!before) throw notFound('Line');
      requireAdmin(actor);
      if (body.plantId !== undefined && !(await repo.findPlant(trx, enterpriseId, body.plantId)))
        throw new AppError(400, 'VALIDATION_FAILED', `plantId: no plant ${body.plantId}`);
      await repo.updateLine(trx, id, {
        ...(body.name !== undefined && { name: body.name }),
        ...(body.plantId !== undefined && { plant_id: body.plantId }),
        updated_at: nowIso(),
      });
      const after = toLineView((await repo.findLine(trx, enterpriseId, id))!);
      await recordAudit(trx, actor, {
        action: 'update',
        entity: 'line',
        entityId: id,
        organisationId: enterpriseId,
        before: toLineView(before),
        after,
      });
      return after;
    });
  }
}
