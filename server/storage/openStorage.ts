/**
 * Opens the backend chosen by config.STORAGE (CONTRACT 7).
 */
import { mkdir } from 'node:fs/promises';
import { Level } from 'level';
import type { Config } from '../config.ts';
import { LevelAccountStore } from '../accounts/LevelAccountStore.ts';
import { LevelVersionStore } from '../history/LevelVersionStore.ts';
import { dumpBackup } from '../ops/backup.ts';
import { LevelNotificationStore } from '../notifications/LevelNotificationStore.ts';
import { LevelDocStore } from './LevelDocStore.ts';
import type { Storage } from './Storage.ts';

export async function openStorage(config: Config): Promise<Storage> {
  if (config.STORAGE === 'postgres') {
    const { openPostgresStorage } = await import('./postgres/PostgresStorage.ts');
    return openPostgresStorage({ url: config.DATABASE_URL as string });
  }
  return openLevelStorage(config.DATA_DIR);
}

/** Everything in one LevelDB in `dataDir`, one sublevel per kind of record. */
export async function openLevelStorage(dataDir: string): Promise<Storage> {
  await mkdir(dataDir, { recursive: true });
  const db = new Level<string, unknown>(dataDir, { keyEncoding: 'utf8', valueEncoding: 'json' });
  await db.open();
  const docs = new LevelDocStore(db);
  return {
    kind: 'leveldb',
    docs,
    accounts: new LevelAccountStore(db),
    versions: new LevelVersionStore(db),
    notifications: new LevelNotificationStore(db),
    dump: () => dumpBackup(db),
    exclusive: (_name, fn) => fn(),
    async close() {
      await docs.close();
      await db.close();
    },
  };
}
