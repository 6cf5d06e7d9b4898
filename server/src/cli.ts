// Operator commands on the configured database (DATABASE_URL or DATA_DIR, as the server reads them):
//   migrate                     apply pending migrations and exit (the server also does it at start)
//   backup [--dir D] [--keep N] write a consistent backup while the platform runs (default dir: BACKUP_DIR)
//   restore <file> [--force]    bring a backup back into an empty database (--force: replace the current one)
// Errors are one line and a non-zero exit.
import { parseArgs } from 'node:util';
import { ConfigError, StartupError, loadConfig, prepareDataDir } from './config';
import { BackupError, backupDatabase, pruneBackups, restoreDatabase } from './db/backup';
import { openDatabase } from './db/connection';
import { migrateToLatest } from './db/migrator';

const USAGE = 'usage: cli migrate | backup [--dir <folder>] [--keep <n>] | restore <file> [--force]';

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  const location = { databaseUrl: config.databaseUrl, dataDir: config.dataDir };
  switch (command) {
    case 'migrate': {
      if (!config.databaseUrl) prepareDataDir(config);
      const { db, engine } = openDatabase({ ...location, sqliteSynchronous: config.sqliteSynchronous });
      try {
        const applied = await migrateToLatest(db);
        console.log(`${engine}: ${applied.length ? `applied ${applied.join(', ')}` : 'already up to date'}`);
      } finally {
        await db.destroy();
      }
      return;
    }
    case 'backup': {
      const { values } = parseArgs({ args: rest, options: { dir: { type: 'string' }, keep: { type: 'string' } } });
      const dir = values.dir ?? config.backup?.dir;
      if (!dir) throw new BackupError('name a folder: --dir <folder> or BACKUP_DIR');
      const keep = values.keep === undefined ? config.backup?.keep : Number(values.keep);
      if (keep !== undefined && (!Number.isInteger(keep) || keep < 1)) throw new BackupError('--keep takes a whole number ≥ 1');
      const started = Date.now();
      const file = await backupDatabase(location, dir);
      const removed = keep === undefined ? [] : pruneBackups(dir, keep);
      console.log(
        `backup written: ${file} (${((Date.now() - started) / 1000).toFixed(1)} s${removed.length ? `; ${removed.length} older removed` : ''})`,
      );
      return;
    }
    case 'restore': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { force: { type: 'boolean', default: false } },
        allowPositionals: true,
      });
      const file = positionals[0];
      if (!file || positionals.length > 1) throw new BackupError(USAGE);
      await restoreDatabase(location, file, { force: values.force });
      console.log(
        `restored ${file} into ${config.databaseUrl ? 'DATABASE_URL' : config.dataDir}; start the platform to apply any newer migrations`,
      );
      return;
    }
    default:
      throw new BackupError(USAGE);
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ConfigError || error instanceof StartupError || error instanceof BackupError) {
    console.error(error.message);
  } else {
    console.error(`failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 1;
}
