/**
 * Where plan documents live (STYLE 5): a small interface with a LevelDB implementation and an
 * in-memory one for unit tests. A document is a snapshot plus an append-only log of updates.
 *
 * What must stay true:
 * - `append` resolves only once the update is durable against a process crash (kill -9): the
 *   sync room relays an update only after its append resolved;
 * - appends for one document resolve in the order they were called;
 * - `compact(docId, state, uptoSeq)` replaces the snapshot and every log record with seq <= uptoSeq
 *   atomically; records appended after `uptoSeq` stay.
 * - the client-id claims given to `append` are written atomically with that update (both or
 *   neither survive a crash), are never removed by compaction, and a stored claim is never
 *   replaced: the first claim of a client id in a document stands.
 */

/** A Yjs client id claimed by its first writer in one document (see server/sync/clientIds.ts). */
export type ClientIdClaim = readonly [client: number, owner: string];
export interface StoredRecord {
  /** Position in the document's log; the snapshot has seq of the last record it folded in. */
  seq: number;
  kind: 'snapshot' | 'update';
  data: Uint8Array;
}

export interface DocStats {
  /** Number of stored records for the doc: snapshot (0 or 1) + log records. */
  records: number;
  /** Log records since the last snapshot, and their total size. */
  logRecords: number;
  logBytes: number;
}

export interface DocStore {
  /** Snapshot first (if any), then log records in seq order. */
  load(docId: string): Promise<StoredRecord[]>;
  /**
   * Appends one update. The seq is assigned synchronously (so a caller can compact "up to what
   * it has applied" without waiting); `written` resolves once the record is durable.
   */
  append(docId: string, update: Uint8Array, claims?: readonly ClientIdClaim[]): { seq: number; written: Promise<void> };
  /** Every client-id claim stored for the doc: client id → owner. */
  clientIds(docId: string): Promise<Map<number, string>>;
  /** Atomically writes `state` as the snapshot and drops log records with seq <= uptoSeq. */
  compact(docId: string, state: Uint8Array, uptoSeq: number): Promise<void>;
  /** Moves a record that failed to load aside (kept for inspection, never loaded again). */
  quarantine(docId: string, seq: number, reason: string): Promise<void>;
  stats(docId: string): Promise<DocStats>;
  /** True when the doc has any stored record. */
  exists(docId: string): Promise<boolean>;
  /** Every doc id with stored records (backups, tests). */
  listDocs(): Promise<string[]>;
  close(): Promise<void>;
}
