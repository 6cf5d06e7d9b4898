// The office's settings for direct service: the categories (lead department and time limits, the enterprise's
// rating window among them), the green-rate formula of the statistics, and the admin's overrides of the working
// calendar the SLA clocks run on. The request service reads the calendar and the formula through
// workingCalendar() and greenFormula() below.
import { greenRateFormula, type Actor, type CategoryUpdateBody, type CategoryView, type GreenRateFormula } from '@tiantai/shared';
import { requirePermission } from '../../http/access';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../identity';
import { SHIPPED_CALENDAR } from './holiday-data';
import { requireOffice } from './service-requests.access';
import * as repo from './service-requests.repository';
import type { ServiceRequestDb } from './service-requests.repository';
import { WorkingCalendar } from './sla-calendar';
import { DEFAULT_GREEN_FORMULA } from './statistics';

const GREEN_FORMULA_KEY = 'green_rate_formula';

/** The shipped holiday data with the admin's overrides on top; read per call so every instance agrees. */
export async function workingCalendar(db: ServiceRequestDb): Promise<WorkingCalendar> {
  const overrides = await repo.listCalendarDays(db);
  return new WorkingCalendar([...SHIPPED_CALENDAR, ...overrides]);
}

/** Which answers count as green in the statistics: the office's formula, or the default until it sets one. */
export async function greenFormula(db: ServiceRequestDb): Promise<GreenRateFormula> {
  const row = await db.selectFrom('app_state').select('value').where('key', '=', GREEN_FORMULA_KEY).executeTakeFirst();
  return row ? greenRateFormula.parse(JSON.parse(row.value)) : DEFAULT_GREEN_FORMULA;
}

/** Categories and the green-rate formula are the office's to change, the working calendar the county admin's. */
export class RequestSettingsService {
  private readonly db: ServiceRequestDb;
  private readonly now: () => Date;

  constructor(deps: { db: ServiceRequestDb; now?: () => Date }) {
    this.db = deps.db;
    this.now = deps.now ?? (() => new Date());
  }

  // ---- categories ----

  async listCategories(actor: Actor): Promise<CategoryView[]> {
    void actor; // every signed-in user sees the categories
    return (await repo.listCategories(this.db)).map((c) => ({
      code: c.code,
      nameZh: c.name_zh,
      nameEn: c.name_en,
      leadDepartmentId: c.lead_department_id,
      leadDepartmentName: c.lead_department_name,
      acceptHours: c.accept_hours,
      signHours: c.sign_hours,
      answerDays: c.answer_days,
      rateDays: c.rate_days,
    }));
  }

  async updateCategory(actor: Actor, code: string, body: CategoryUpdateBody): Promise<CategoryView> {
    requireOffice(actor);
    await this.db.transaction().execute(async (trx) => {
      const before = await repo.findCategory(trx, code);
      if (!before) throw notFound('Category');
      if (
        body.leadDepartmentId &&
        !(await trx.selectFrom('departments').select('id').where('id', '=', body.leadDepartmentId).executeTakeFirst())
      ) {
        throw new AppError(400, 'VALIDATION_FAILED', `leadDepartmentId: no department with id ${body.leadDepartmentId}`);
      }
      await repo.updateCategory(trx, code, {
        ...(body.leadDepartmentId !== undefined && { lead_department_id: body.leadDepartmentId }),
        ...(body.acceptHours !== undefined && { accept_hours: body.acceptHours }),
        ...(body.signHours !== undefined && { sign_hours: body.signHours }),
        ...(body.answerDays !== undefined && { answer_days: body.answerDays }),
        ...(body.rateDays !== undefined && { rate_days: body.rateDays }),
      });
      await recordAudit(trx, actor, {
        action: 'update',
        entity: 'service_category',
        entityId: code,
        organisationId: null,
        before,
        after: await repo.findCategory(trx, code),
      });
    });
    const updated = (await this.listCategories(actor)).find((c) => c.code === code);
    if (!updated) throw notFound('Category');
    return updated;
  }

  // ---- green-rate formula ----

  /** Readable by every signed-in user: the statistics pages show it. */
  greenFormula(): Promise<GreenRateFormula> {
    return greenFormula(this.db);
  }

  async setGreenFormula(actor: Actor, formula: GreenRateFormula): Promise<GreenRateFormula> {
    requireOffice(actor);
    await this.db.transaction().execute(async (trx) => {
      const before = await greenFormula(trx);
      const value = JSON.stringify(formula);
      const at = this.now().toISOString();
      await trx
        .insertInto('app_state')
        .values({ key: GREEN_FORMULA_KEY, value, updated_at: at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
        .execute();
      await recordAudit(trx, actor, {
        action: 'update',
        entity: 'green_rate_formula',
        entityId: GREEN_FORMULA_KEY,
        organisationId: null,
        before,
        after: formula,
      });
    });
    return formula;
  }

  // ---- working calendar ----

  async listCalendarOverrides(actor: Actor) {
    void actor; // readable by every signed-in user: due dates depend on it
    return repo.listCalendarDays(this.db);
  }

  async setCalendarDay(actor: Actor, day: { date: string; kind: 'holiday' | 'workday'; name: string }): Promise<void> {
    requirePermission(actor, 'calendar.manage', 'Only the county admin edits the calendar');
    await this.db.transaction().execute(async (trx) => {
      await repo.upsertCalendarDay(trx, day);
      await recordAudit(trx, actor, { action: 'update', entity: 'calendar_day', entityId: day.date, organisationId: null, after: day });
    });
  }

  async deleteCalendarDay(actor: Actor, date: string): Promise<void> {
    requirePermission(actor, 'calendar.manage', 'Only the county admin edits the calendar');
    await this.db.transaction().execute(async (trx) => {
      if (!(await repo.deleteCalendarDay(trx, date))) throw notFound('Calendar override');
      await recordAudit(trx, actor, { action: 'delete', entity: 'calendar_day', entityId: date, organisationId: null });
    });
  }
}
