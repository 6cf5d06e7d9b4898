// `npm run db:migrate`: applies pending migrations to the configured database and exits.
import { loadConfig } from '../config';
import { openDatabase } from './connection';
import { migrateToLatest } from './migrator';

const config = loadConfig();
const { db, engine } = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const applied = await migrateToLatest(db);
  console.log(`${engine}: ${applied.length ? `applied ${applied.join(', ')}` : 'already up to date'}`);
} finally {
  await db.destroy();
}
