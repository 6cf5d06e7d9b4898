// Makes the databases the upgrade test starts from: the schema and demo county of an earlier commit of this
// repository, on SQLite and PostgreSQL, written to server/test/fixtures/upgrade-<commit>.{sqlite.gz,pgdump}
// with a manifest of row counts. Run once per pinned commit (needs git history and PostgreSQL):
//   npx tsx scripts/make-upgrade-fixture.ts <commit>
// The earlier commit's own code does the work: its tree is exported with `git archive` and run with tsx
// against this checkout's installed packages (its own @tiantai/shared linked in).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '..');
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const commit = execFileSync('git', ['rev-parse', '--short', process.argv[2] ?? ''], { cwd: ROOT, encoding: 'utf8' }).trim();
const out = path.join(ROOT, 'server/test/fixtures');
const work = fs.mkdtempSync(path.join(os.tmpdir(), `tiantai-${commit}-`));

// The old tree, with this checkout's packages and its own shared workspace.
execFileSync('sh', ['-c', `git archive ${commit} server shared package.json | tar -x -C ${work}`], { cwd: ROOT });
fs.mkdirSync(path.join(work, 'node_modules/@tiantai'), { recursive: true });
for (const entry of fs.readdirSync(path.join(ROOT, 'node_modules'))) {
  if (entry !== '@tiantai' && entry !== '.bin')
    fs.symlinkSync(path.join(ROOT, 'node_modules', entry), path.join(work, 'node_modules', entry));
}
fs.symlinkSync(path.join(work, 'shared'), path.join(work, 'node_modules/@tiantai/shared'));
fs.writeFileSync(
  path.join(work, 'make.ts'),
  `import { openDatabase } from './server/src/db/connection';
import { migrateToLatest } from './server/src/db/migrator';
import { loadDemoData } from './server/src/demo/load-demo';
const { db } = openDatabase<any>({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR! });
await migrateToLatest(db);
await loadDemoData(db);
await db.destroy();
`,
);
const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
const run = (env: Record<string, string>) =>
  execFileSync(tsx, ['make.ts'], { cwd: work, env: { ...process.env, ...env }, stdio: 'inherit' });

async function tableCounts(query: (text: string) => Promise<Array<Record<string, unknown>>>, tables: string[]) {
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await query(`select count(*) as n from "${table}"`))[0]!.n);
  return counts;
}

// SQLite
const dataDir = path.join(work, 'data');
fs.mkdirSync(dataDir);
run({ DATA_DIR: dataDir, DATABASE_URL: '' });
const sqliteFile = path.join(dataDir, 'tiantai.sqlite');
const { default: SQLite } = await import('better-sqlite3');
const lite = new SQLite(sqliteFile);
lite.pragma('wal_checkpoint(TRUNCATE)');
const tables = (
  lite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as Array<{
    name: string;
  }>
)
  .map((r) => r.name)
  .filter((t) => !t.startsWith('kysely_'));
const sqliteCounts = await tableCounts(async (text) => lite.prepare(text).all() as Array<Record<string, unknown>>, tables);
const migrations = (lite.prepare('select name from kysely_migration order by name').all() as Array<{ name: string }>).map((r) => r.name);
lite.close();
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, `upgrade-${commit}.sqlite.gz`), zlib.gzipSync(fs.readFileSync(sqliteFile), { level: 9 }));

// PostgreSQL
const name = `tiantai_fixture_${commit}`;
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`drop database if exists ${name}`);
await admin.query(`create database ${name}`);
const url = new URL(ADMIN_URL);
url.pathname = `/${name}`;
run({ DATA_DIR: dataDir, DATABASE_URL: url.toString() });
const client = new pg.Client({ connectionString: url.toString() });
await client.connect();
const postgresCounts = await tableCounts(async (text) => (await client.query(text)).rows, tables);
await client.end();
execFileSync('pg_dump', [
  '--format=custom',
  '--no-owner',
  `--file=${path.join(out, `upgrade-${commit}.pgdump`)}`,
  `--dbname=${url.toString()}`,
]);
await admin.query(`drop database ${name}`);
await admin.end();

fs.writeFileSync(
  path.join(out, `upgrade-${commit}.json`),
  `${JSON.stringify({ commit, migrations, counts: { sqlite: sqliteCounts, postgres: postgresCounts } }, null, 2)}\n`,
);
fs.rmSync(work, { recursive: true, force: true });
console.log(`fixtures for ${commit} in ${path.relative(ROOT, out)}`);
