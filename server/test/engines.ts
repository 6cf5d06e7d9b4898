// Which database engines the suites run on. SQLite always; PostgreSQL when reachable, and in CI
// (CI=true or TIANTAI_REQUIRE_POSTGRES=1) an unreachable PostgreSQL fails the run instead of skipping.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DbEngine } from '../src/db/connection';

export const POSTGRES_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const required = process.env.CI === 'true' || process.env.TIANTAI_REQUIRE_POSTGRES === '1';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    if (required) throw new Error(`PostgreSQL is required here but unreachable at ${POSTGRES_ADMIN_URL}`, { cause: error });
    console.warn(`PostgreSQL unreachable at ${POSTGRES_ADMIN_URL}; running on SQLite only (set TEST_DATABASE_URL)`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const ENGINES: DbEngine[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase {
  engine: DbEngine;
  /** What openDatabase takes. */
  location: { databaseUrl?: string; dataDir: string };
  drop(): Promise<void>;
}

/**
 * A fresh, empty database: a temp folder for SQLite, a new database for PostgreSQL (a copy of `template`
 * when given: server/test/demo-template.ts).
 */
export async function createTestDatabase(engine: DbEngine, template?: string): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiantai-test-'));
  const removeDir = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (engine === 'sqlite') return { engine, location: { dataDir }, drop: removeDir };

  const name = `tiantai_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  // Two copies of one template made at the same moment: PostgreSQL may refuse one while the other reads it.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt === 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    engine,
    location: { databaseUrl: url.toString(), dataDir },
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      await removeDir();
    },
  };
}
