// Frozen: enterprise direct-service requests (企业直通服务), their departments, timeline, categories,
// in-app notifications and the admin's working-calendar overrides.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('service_categories')
    .addColumn('code', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('name_zh', 'varchar(100)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(100)', (c) => c.notNull())
    .addColumn('lead_department_id', 'varchar(36)', (c) => c.references('departments.id'))
    .addColumn('accept_hours', 'double precision', (c) => c.notNull())
    .addColumn('sign_hours', 'double precision', (c) => c.notNull())
    .addColumn('answer_days', 'double precision', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .execute();

  // The categories enterprises file under; the office maps each to a lead department (默认牵头部门).
  // Defaults: accept within 1 working hour, sign within 4, answer within 5 working days.
  const categories: Array<[code: string, zh: string, en: string]> = [
    ['land', '用地保障', 'Land'],
    ['planning', '规划审批', 'Planning approval'],
    ['construction', '建设与住房', 'Construction & housing'],
    ['power', '电力保障', 'Power supply'],
    ['water_gas', '供水供气', 'Water & gas'],
    ['tax', '税费政策', 'Tax'],
    ['finance', '融资金融', 'Finance'],
    ['talent', '人才与用工', 'Talent & labour'],
    ['environment', '环保审批', 'Environment'],
    ['safety', '安全生产', 'Work safety'],
    ['market', '市场监管', 'Market supervision'],
    ['policy', '政策兑现', 'Policy incentives'],
    ['other', '其他诉求', 'Other'],
  ];
  await db
    .insertInto('service_categories')
    .values(
      categories.map(([code, zh, en], i) => ({
        code,
        name_zh: zh,
        name_en: en,
        lead_department_id: null,
        accept_hours: 1,
        sign_hours: 4,
        answer_days: 5,
        sort: i,
      })),
    )
    .execute();

  await db.schema
    .createTable('service_requests')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('number', 'varchar(20)', (c) => c.notNull().unique())
    .addColumn('enterprise_id', 'varchar(36)', (c) => c.notNull().references('enterprises.id'))
    .addColumn('category_code', 'varchar(40)', (c) => c.notNull().references('service_categories.code'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'varchar(50)', (c) => c.notNull())
    .addColumn('contact_phone', 'varchar(32)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('lead_department_id', 'varchar(36)', (c) => c.references('departments.id'))
    .addColumn('answer', 'text')
    .addColumn('rating', 'varchar(30)')
    .addColumn('rating_comment', 'text')
    .addColumn('redo_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paused_at', 'varchar(30)')
    .addColumn('extension_requested_days', 'integer')
    .addColumn('submitted_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('accepted_at', 'varchar(30)')
    .addColumn('dispatched_at', 'varchar(30)')
    .addColumn('signed_at', 'varchar(30)')
    .addColumn('answered_at', 'varchar(30)')
    .addColumn('closed_at', 'varchar(30)')
    .addColumn('accept_due_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('sign_due_at', 'varchar(30)')
    .addColumn('answer_due_at', 'varchar(30)')
    .addColumn('accepted_on_time', 'integer')
    .addColumn('answered_on_time', 'integer')
    .addColumn('escalated_at', 'varchar(30)')
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_requests_enterprise_idx').on('service_requests').column('enterprise_id').execute();
  await db.schema.createIndex('service_requests_lead_idx').on('service_requests').column('lead_department_id').execute();
  await db.schema.createIndex('service_requests_status_idx').on('service_requests').column('status').execute();
  await db.schema.createIndex('service_requests_submitted_idx').on('service_requests').column('submitted_at').execute();

  await db.schema
    .createTable('request_departments')
    .addColumn('request_id', 'varchar(36)', (c) => c.notNull().references('service_requests.id'))
    .addColumn('department_id', 'varchar(36)', (c) => c.notNull().references('departments.id'))
    .addColumn('role', 'varchar(10)', (c) => c.notNull())
    .addPrimaryKeyConstraint('request_departments_pk', ['request_id', 'department_id'])
    .execute();
  await db.schema.createIndex('request_departments_department_idx').on('request_departments').column('department_id').execute();

  await db.schema
    .createTable('request_events')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('request_id', 'varchar(36)', (c) => c.notNull().references('service_requests.id'))
    .addColumn('kind', 'varchar(30)', (c) => c.notNull())
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('actor_user_id', 'varchar(36)')
    .addColumn('actor_name', 'varchar(100)')
    .addColumn('organisation_name', 'varchar(200)')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('request_events_request_idx').on('request_events').columns(['request_id', 'at']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('request_id', 'varchar(36)')
    .addColumn('kind', 'varchar(30)', (c) => c.notNull())
    .addColumn('text', 'varchar(500)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('read_at', 'varchar(30)')
    .execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'read_at']).execute();

  await db.schema
    .createTable('calendar_days')
    .addColumn('date', 'varchar(10)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'calendar_days',
    'notifications',
    'request_events',
    'request_departments',
    'service_requests',
    'service_categories',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
