/**
 * Where plan documents live (STYLE 5): a small interface with a LevelDB implementation, a
 * PostgreSQL one, and an in-memory one for unit tests; the same contract suite
 * (docStore.contract.test.ts) runs against each. A document is a snapshot plus an append-only log
 * of updates; records that fail to load are moved aside into its quarantine.
 *
 * What must stay true (the sync room depends on every line):
 * - `append` is called only after `load(docId)`: the next seq is only known once the store has
 *   reported the highest seq it holds (snapshot, log and quarantine); before that it throws;
 * - a seq is never reused, even after a compaction deleted the log or a quarantine moved the last
 *   record; seqs come from the one SeqAllocator every implementation uses;
 * - a store backed by a database writes through the one batched WriteQueue (group commit):
 *   concurrent appends share one batch or transaction, which commits as a whole or not at all;
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

/** A record moved aside by `quarantine`, kept for inspection. */
export interface QuarantinedRecord {
  seq: number;
  kind: StoredRecord['kind'];
  reason: string;
  /** ISO time of the quarantine. */
  at: string;
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
  /**
   * Atomically (one batch or transaction) writes `state` as the snapshot and drops log records
   * with seq <= uptoSeq; runs after every write issued before it, and a stale compaction (a newer
   * snapshot is stored) changes nothing. `uptoSeq` beyond the last seq handed out is a RangeError.
   */
  compact(docId: string, state: Uint8Array, uptoSeq: number): Promise<void>;
  /**
   * Moves a record that failed to load aside (kept for inspection, never loaded again), in one
   * atomic step; runs after every write issued before it. A seq with nothing stored is a no-op.
   */
  quarantine(docId: string, seq: number, reason: string): Promise<void>;
  /** Records moved aside for `docId`, oldest seq first (inspection and tests). */
  quarantined(docId: string): Promise<QuarantinedRecord[]>;
  stats(docId: string): Promise<DocStats>;
  /** True when the doc has any stored record. */
  exists(docId: string): Promise<boolean>;
  /** Every doc id with stored records (backups, tests). */
  listDocs(): Promise<string[]>;
  close(): Promise<void>;
}
