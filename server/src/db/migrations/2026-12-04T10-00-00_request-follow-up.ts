// Frozen: direct service as 12345 hotlines run it (#14 item 9). An answered request the enterprise leaves
// unrated closes after a window of working days (rate_days per category, 3 by default): rated by the office's
// follow-up call (回访), or not rated by the clock; closed_as says which (existing closed requests were rated by
// their enterprise), rate_due_at when the window ends. Co-handling departments (协办) give one opinion each
// for the lead department, which they may update until the answer.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('service_categories')
    .addColumn('rate_days', 'double precision', (c) => c.notNull().defaultTo(3))
    .execute();
  await db.schema.alterTable('service_requests').addColumn('rate_due_at', 'varchar(30)').execute();
  await db.schema.alterTable('service_requests').addColumn('closed_as', 'varchar(20)').execute();
  await db.updateTable('service_requests').set({ closed_as: 'rated' }).where('status', '=', 'closed').execute();

  await db.schema
    .createTable('request_opinions')
    .addColumn('request_id', 'varchar(36)', (c) => c.notNull().references('service_requests.id'))
    .addColumn('department_id', 'varchar(36)', (c) => c.notNull().references('departments.id'))
    .addColumn('opinion', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'varchar(36)')
    .addColumn('author_name', 'varchar(100)')
    .addColumn('submitted_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('request_opinions_pk', ['request_id', 'department_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_opinions').execute();
  await db.schema.alterTable('service_requests').dropColumn('closed_as').execute();
  await db.schema.alterTable('service_requests').dropColumn('rate_due_at').execute();
  await db.schema.alterTable('service_categories').dropColumn('rate_days').execute();
}
