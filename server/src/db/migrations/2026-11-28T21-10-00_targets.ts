// Frozen: the county's targets — indicators with base and target, yearly values (the roadmap), tasks
// with a responsible department and deadline, and the tasks' progress reports.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('indicators')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('code', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('name_zh', 'varchar(100)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(100)', (c) => c.notNull())
    .addColumn('unit', 'varchar(20)', (c) => c.notNull())
    .addColumn('base_year', 'integer', (c) => c.notNull())
    .addColumn('base_value', 'double precision', (c) => c.notNull())
    .addColumn('target_year', 'integer', (c) => c.notNull())
    .addColumn('target_value', 'double precision', (c) => c.notNull())
    .addColumn('target_note', 'varchar(100)')
    .addColumn('drill_kind', 'varchar(20)')
    .addColumn('drill_filter', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('indicator_years')
    .addColumn('indicator_id', 'varchar(36)', (c) => c.notNull().references('indicators.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('target_value', 'double precision')
    .addColumn('actual_value', 'double precision')
    .addColumn('actual_through', 'varchar(7)')
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_years_pk', ['indicator_id', 'year'])
    .execute();

  await db.schema
    .createTable('target_tasks')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('indicator_id', 'varchar(36)', (c) => c.notNull().references('indicators.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('department_id', 'varchar(36)', (c) => c.notNull().references('departments.id'))
    .addColumn('start_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('deadline', 'varchar(10)', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull())
    .addColumn('last_report_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('target_tasks_year_idx').on('target_tasks').columns(['year', 'department_id']).execute();

  await db.schema
    .createTable('task_reports')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('task_id', 'varchar(36)', (c) => c.notNull().references('target_tasks.id'))
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'varchar(36)')
    .addColumn('actor_name', 'varchar(100)')
    .execute();
  await db.schema.createIndex('task_reports_task_idx').on('task_reports').column('task_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['task_reports', 'target_tasks', 'indicator_years', 'indicators']) {
    await db.schema.dropTable(table).execute();
  }
}
