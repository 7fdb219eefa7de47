/**
 * Everything the server stores, behind one seam: the app asks `openStorage(config)` for a
 * Storage and hands its stores to the layers that own them. Only server/storage (and each
 * store's own folder, for its LevelDB class) knows which database is behind them.
 *
 * What must stay true:
 * - every store of one Storage lives in the same backend (documents, accounts, sessions,
 *   settings, history, signatures, notifications, quarantine), so a backup or a migration takes all of it;
 * - `close()` is called once, after every layer using the stores has stopped; it writes what is
 *   pending and releases the database;
 * - an error meaning the database cannot be reached (stopped, restarting, unreachable, timed out)
 *   is thrown as StorageUnavailableError, so REST answers 503 `storage_unavailable` and the caller
 *   can tell it from a bug or a refused write; the stores recover by themselves once it is back.
 */
import type { AccountStore } from '../accounts/store.ts';
import type { VersionStore } from '../history/VersionStore.ts';
import type { NotificationStore } from '../notifications/NotificationStore.ts';
import type { DocStore } from './DocStore.ts';

export type StorageKind = 'leveldb' | 'postgres';

export interface Storage {
  readonly kind: StorageKind;
  readonly docs: DocStore;
  readonly accounts: AccountStore;
  readonly versions: VersionStore;
  readonly notifications: NotificationStore;
  /**
   * The built-in online backup as NDJSON chunks (`npm run backup`), where the backend has one;
   * null where the database's own tools do it (pg_dump, docs/operations.md).
   */
  readonly dump: (() => AsyncIterable<string>) | null;
  /**
   * Runs `fn` while no other process on the same storage runs an `exclusive` step with the same
   * name (nodes starting at once seed an empty database once). On LevelDB one process owns the
   * directory, so it simply runs `fn`.
   */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The database cannot be reached: the same request may succeed once it is back. */
export class StorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super('storage unavailable', { cause });
    this.name = 'StorageUnavailableError';
  }
}
