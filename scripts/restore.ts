/**
 * `npm run restore -- <file>`: restores a backup made by `npm run backup` into DATA_DIR, which
 * must be missing or empty (a restore never merges into a store). Run it with the server stopped,
 * then start the server on that DATA_DIR. The file is verified completely (header, every line,
 * entry count, checksum) before anything is written.
 */
import path from 'node:path';
import { configFromEnv } from '../server/config.ts';
import { restoreBackup } from '../server/ops/backup.ts';

async function main(): Promise<void> {
  const source = process.argv[2];
  if (!source || source.startsWith('-')) {
    console.error('usage: DATA_DIR=<empty dir> npm run restore -- <file>');
    process.exit(2);
  }
  const { DATA_DIR } = configFromEnv();
  const summary = await restoreBackup(path.resolve(source), DATA_DIR);
  console.log(`Restored ${summary.entries} entries (backup taken ${summary.createdAt}) into ${DATA_DIR}`);
}

main().catch((err) => {
  console.error(`Restore failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
