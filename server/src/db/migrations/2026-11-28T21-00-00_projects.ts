// Frozen: investment projects (洽谈 → 签约 → 落地 → 开工 → 投产 → 达产 / 终止), their yearly plans, investment
// completed by month, milestones, stage history and the direct-service requests filed for them.
// Money in 万元; dates are China calendar dates 'YYYY-MM-DD', months 'YYYY-MM'.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('projects')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('enterprise_id', 'varchar(36)', (c) => c.references('enterprises.id'))
    .addColumn('investor_name', 'varchar(200)')
    .addColumn('park_id', 'varchar(36)', (c) => c.references('parks.id'))
    .addColumn('industry', 'varchar(30)', (c) => c.notNull())
    .addColumn('stage', 'varchar(20)', (c) => c.notNull())
    .addColumn('terminated_reason', 'text')
    .addColumn('total_investment_wan', 'double precision', (c) => c.notNull())
    .addColumn('land_mu', 'double precision')
    .addColumn('promised_output_per_mu_wan', 'double precision')
    .addColumn('promised_tax_per_mu_wan', 'double precision')
    .addColumn('actual_output_wan', 'double precision')
    .addColumn('actual_tax_wan', 'double precision')
    .addColumn('jobs', 'integer')
    .addColumn('responsible_department_id', 'varchar(36)', (c) => c.references('departments.id'))
    .addColumn('responsible_person', 'varchar(50)')
    .addColumn('description', 'text')
    .addColumn('signed_on', 'varchar(10)')
    .addColumn('started_on', 'varchar(10)')
    .addColumn('producing_on', 'varchar(10)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('projects_enterprise_idx').on('projects').column('enterprise_id').execute();
  await db.schema.createIndex('projects_department_idx').on('projects').column('responsible_department_id').execute();

  await db.schema
    .createTable('project_year_plans')
    .addColumn('project_id', 'varchar(36)', (c) => c.notNull().references('projects.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('planned_wan', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_year_plans_pk', ['project_id', 'year'])
    .execute();
  await db.schema.createIndex('project_year_plans_year_idx').on('project_year_plans').column('year').execute();

  await db.schema
    .createTable('project_investments')
    .addColumn('project_id', 'varchar(36)', (c) => c.notNull().references('projects.id'))
    .addColumn('month', 'varchar(7)', (c) => c.notNull())
    .addColumn('amount_wan', 'double precision', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_investments_pk', ['project_id', 'month'])
    .execute();

  await db.schema
    .createTable('project_milestones')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(36)', (c) => c.notNull().references('projects.id'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('planned_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('actual_date', 'varchar(10)')
    .addColumn('sort', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_milestones_project_idx').on('project_milestones').column('project_id').execute();

  await db.schema
    .createTable('project_stage_events')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(36)', (c) => c.notNull().references('projects.id'))
    .addColumn('from_stage', 'varchar(20)')
    .addColumn('to_stage', 'varchar(20)', (c) => c.notNull())
    .addColumn('on_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('actor_name', 'varchar(100)')
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_stage_events_project_idx').on('project_stage_events').column('project_id').execute();

  // A link table, so the service-requests module stays unchanged: a request filed for a project.
  await db.schema
    .createTable('project_service_requests')
    .addColumn('request_id', 'varchar(36)', (c) => c.primaryKey().references('service_requests.id'))
    .addColumn('project_id', 'varchar(36)', (c) => c.notNull().references('projects.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_service_requests_project_idx').on('project_service_requests').column('project_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'project_service_requests',
    'project_stage_events',
    'project_milestones',
    'project_investments',
    'project_year_plans',
    'projects',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
