/**
 * `npm run migrate-storage -- --from leveldb --to postgres`: copies the LevelDB in DATA_DIR into
 * the empty PostgreSQL database at DATABASE_URL (docs/operations.md). Stop the server first; the
 * LevelDB is left as it was.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { configFromEnv, ConfigError } from '../server/config.ts';
import { migrate } from '../server/storage/postgres/migrations.ts';
import { importLevelDb, ImportRefused } from '../server/storage/postgres/importLevel.ts';
import { redact } from '../server/storage/postgres/PostgresStorage.ts';

const USAGE = 'usage: DATA_DIR=… DATABASE_URL=postgres://… npm run migrate-storage -- --from leveldb --to postgres';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
  if (values.from !== 'leveldb' || values.to !== 'postgres') {
    console.error(`Only --from leveldb --to postgres is supported.\n${USAGE}`);
    return 2;
  }
  let config;
  try {
    config = configFromEnv();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      return 2;
    }
    throw err;
  }
  if (!config.DATABASE_URL) {
    console.error(`DATABASE_URL is not set.\n${USAGE}`);
    return 2;
  }
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 2, connectionTimeoutMillis: 10_000 });
  try {
    await migrate(pool);
    const counts = await importLevelDb(config.DATA_DIR, pool);
    console.log(`Copied ${config.DATA_DIR} into ${redact(config.DATABASE_URL)}:`);
    for (const [what, n] of Object.entries(counts)) console.log(`  ${what}: ${n}`);
    console.log('Start the server with STORAGE=postgres, DATABASE_URL and CLUSTER_SECRET set.');
    return 0;
  } catch (err) {
    if (err instanceof ImportRefused) {
      console.error(`Nothing copied: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await pool.end();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
