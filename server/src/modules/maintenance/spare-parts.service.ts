import { randomUUID } from 'node:crypto';
import type { Actor, SparePartView, StockAdjustBody, sparePartBody } from '@tiantai/shared';
import type { z } from 'zod';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../identity';
import { enterpriseOf, requireAdmin } from './maintenance.access';
import * as repo from './maintenance.repository';
import type { MaintenanceDb } from './maintenance.repository';
import type { SparePartsTable } from './maintenance.tables';

type SparePartInput = z.output<typeof sparePartBody>;

const toSparePartView = (p: SparePartsTable): SparePartView => ({
  id: p.id,
  enterpriseId: p.enterprise_id,
  code: p.code,
  name: p.name,
  unit: p.unit,
  quantity: Number(p.quantity),
  minQuantity: Number(p.min_quantity),
  lowStock: Number(p.quantity) <= Number(p.min_quantity),
  updatedAt: p.updated_at,
});

/** An enterprise's spare parts: its admin adds parts and adjusts stock; work orders use parts (use_part). */
export class SparePartService {
  private readonly db: MaintenanceDb;
  private readonly now: () => Date;

  constructor(deps: { db: MaintenanceDb; now?: () => Date }) {
    this.db = deps.db;
    this.now = deps.now ?? (() => new Date());
  }

  async list(actor: Actor): Promise<SparePartView[]> {
    return (await repo.listSpareParts(this.db, enterpriseOf(actor))).map(toSparePartView);
  }

  async create(actor: Actor, body: SparePartInput): Promise<SparePartView> {
    const enterpriseId = requireAdmin(actor);
    const at = this.now().toISOString();
    const id = randomUUID();
    return this.db.transaction().execute(async (trx) => {
      if (await repo.findSparePartByCode(trx, enterpriseId, body.code))
        throw new AppError(409, 'DUPLICATE', `A spare part with code ${body.code} already exists`, { field: 'code' });
      const row: SparePartsTable = {
        id,
        enterprise_id: enterpriseId,
        code: body.code,
        name: body.name,
        unit: body.unit,
        quantity: body.quantity,
        min_quantity: body.minQuantity,
        created_at: at,
        updated_at: at,
      };
      await repo.insertSparePart(trx, row);
      const created = toSparePartView(row);
      await recordAudit(trx, actor, { action: 'create', entity: 'spare_part', entityId: id, organisationId: enterpriseId, after: created });
      return created;
    });
  }

  /** Goods received (+) or a count correction (−); the stock never goes below zero. */
  async adjustStock(actor: Actor, id: string, body: StockAdjustBody): Promise<SparePartView> {
    const enterpriseId = enterpriseOf(actor);
    return this.db.transaction().execute(async (trx) => {
      const before = await repo.findSparePart(trx, enterpriseId, id);
      if (!before) throw notFound('Spare part');
      requireAdmin(actor);
      if (!(await repo.moveStock(trx, id, body.delta, this.now().toISOString())))
        throw new AppError(409, 'INSUFFICIENT_STOCK', `Only ${Number(before.quantity)} ${before.unit} of ${before.code} in stock`, {
          available: Number(before.quantity),
        });
      const after = toSparePartView((await repo.findSparePart(trx, enterpriseId, id))!);
      await recordAudit(trx, actor, {
        action: 'adjust',
        entity: 'spare_part',
        entityId: id,
        organisationId: enterpriseId,
        before: toSparePartView(before),
        after: { ...after, reason: body.reason },
      });
      return after;
    });
  }
}
