// The demo county, loaded once per test run and copied into each suite's fresh database: loading it (about
// 250 rows through the services' own loaders) took 1–2.5 s per suite, copying it takes a few milliseconds
// (a file copy for SQLite, CREATE DATABASE … TEMPLATE for PostgreSQL). server/test/global-setup.ts makes the
// templates before the workers start and names them in TIANTAI_TEST_DEMO_TEMPLATES; without it (a bench script,
// a single file run outside Vitest) each database loads the demo itself, as the platform would.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../src/app';
import { SQLITE_FILE } from '../src/db/backup';
import { openDatabase, type DbEngine } from '../src/db/connection';
import { migrateToLatest } from '../src/db/migrator';
import { loadDemoData } from '../src/demo/load-demo';
import { createTestDatabase, type TestDatabase } from './engines';
import './password-cost';

const TEMPLATES_VAR = 'TIANTAI_TEST_DEMO_TEMPLATES';

/** Where the templates are: SQLite's data folder, PostgreSQL's database name. */
export interface DemoTemplates {
  sqlite?: string;
  postgres?: string;
}

/** A fresh database holding the migrated demo county as loaded at the start of this run. */
export async function createDemoDatabase(engine: DbEngine): Promise<TestDatabase> {
  const templates = JSON.parse(process.env[TEMPLATES_VAR] ?? '{}') as DemoTemplates;
  const template = templates[engine];
  if (!template) {
    const db = await createTestDatabase(engine);
    await loadInto(db);
    return db;
  }
  if (engine === 'sqlite') {
    const db = await createTestDatabase(engine);
    fs.copyFileSync(path.join(template, SQLITE_FILE), path.join(db.location.dataDir, SQLITE_FILE));
    return db;
  }
  return createTestDatabase(engine, template);
}

async function loadInto(target: TestDatabase): Promise<void> {
  const { db } = openDatabase<Database>(target.location);
  try {
    await migrateToLatest(db);
    await loadDemoData(db);
  } finally {
    await db.destroy();
  }
}

/** Makes the templates (globalSetup); the returned function removes them. */
export async function makeDemoTemplates(engines: readonly DbEngine[]): Promise<{ templates: DemoTemplates; remove(): Promise<void> }> {
  const made: TestDatabase[] = [];
  const templates: DemoTemplates = {};
  for (const engine of engines) {
    const db = await createTestDatabase(engine);
    made.push(db);
    // Closed after loading, so SQLite's WAL is folded into the file and PostgreSQL has no session on it.
    await loadInto(db);
    templates[engine] = engine === 'sqlite' ? db.location.dataDir : new URL(db.location.databaseUrl!).pathname.slice(1);
  }
  process.env[TEMPLATES_VAR] = JSON.stringify(templates);
  return {
    templates,
    remove: async () => {
      delete process.env.TIANTAI_TEST_DEMO_TEMPLATES;
      for (const db of made) await db.drop();
    },
  };
}
