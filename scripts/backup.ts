/**
 * `npm run backup -- <file>`: writes a consistent copy of the store (DATA_DIR) to <file>.
 *
 * While the server runs it owns the LevelDB lock, so the copy is streamed from the server's
 * local admin endpoint (server/ops/adminEndpoint.ts), authorized by the token the server
 * left in DATA_DIR/admin.json. When no server answers, the store is opened directly. Either way
 * the data come from one LevelDB snapshot, are written to <file>.partial, verified end to end,
 * and only then renamed to <file>: a failed backup never leaves a file that looks complete.
 *
 * Restore: `npm run restore -- <file>` into an empty DATA_DIR (docs/operations.md).
 */
import { createWriteStream } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Level } from 'level';
import { configFromEnv } from '../server/config.ts';
import { ADMIN_FILE, BACKUP_ROUTE, type AdminFile } from '../server/ops/adminEndpoint.ts';
import { dumpBackup, verifyBackup } from '../server/ops/backup.ts';

class UsageError extends Error {}

async function readAdminFile(dataDir: string): Promise<AdminFile | null> {
  try {
    return JSON.parse(await readFile(path.join(dataDir, ADMIN_FILE), 'utf8')) as AdminFile;
  } catch {
    return null;
  }
}

/** The backup body from the running server, or null when no server answers there (stale file). */
async function fromServer(admin: AdminFile): Promise<Readable | null> {
  let res: Response;
  try {
    res = await fetch(admin.url + BACKUP_ROUTE, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}` },
    });
  } catch {
    return null; // connection refused: the server that wrote admin.json is gone
  }
  if (res.status !== 200 || !res.body) {
    throw new Error(`the running server refused the backup: ${res.status} ${await res.text()}`);
  }
  return Readable.fromWeb(res.body as import('node:stream/web').ReadableStream);
}

async function fromDirectOpen(dataDir: string): Promise<{ body: Readable; done: () => Promise<void> }> {
  const db = new Level<string, unknown>(dataDir, { createIfMissing: false });
  try {
    await db.open();
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    if (cause?.code === 'LEVEL_LOCKED') {
      throw new Error(`${dataDir} is locked by a running server, but its admin endpoint did not answer`, {
        cause: err,
      });
    }
    throw new Error(`cannot open the store at ${dataDir}: ${(err as Error).message}`, { cause: err });
  }
  return { body: Readable.from(dumpBackup(db)), done: () => db.close() };
}

async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target || target.startsWith('-'))
    throw new UsageError('usage: npm run backup -- <file>   (DATA_DIR selects the store)');
  const { DATA_DIR } = configFromEnv();
  const file = path.resolve(target);
  const partial = `${file}.partial`;

  const admin = await readAdminFile(DATA_DIR);
  let body = admin ? await fromServer(admin) : null;
  let done = async () => undefined as void;
  const source = body ? 'the running server' : 'the store directly (no server running)';
  if (!body) ({ body, done } = await fromDirectOpen(DATA_DIR));
  try {
    await pipeline(body, createWriteStream(partial, { mode: 0o600 }));
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  } finally {
    await done();
  }
  try {
    const summary = await verifyBackup(partial);
    await rename(partial, file);
    console.log(
      `Backup of ${DATA_DIR} from ${source}: ${summary.entries} entries, taken ${summary.createdAt}, written to ${file}`,
    );
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}

main().catch((err) => {
  console.error(`Backup failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
