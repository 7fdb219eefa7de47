/**
 * The PostgreSQL document store (rules in ../DocStore.ts; tables in migrations.ts):
 *
 *   doc_snapshots   (doc_id) → seq, data         at most one snapshot per doc
 *   doc_updates     (doc_id, seq) → data         one row per appended update
 *   doc_quarantine  (doc_id, seq, kind) → …      records moved aside
 *   doc_client_ids  (doc_id, client) → owner     who first wrote under a client id
 *
 * Group commit: appends go through the shared WriteQueue; every batch is one transaction (one
 * multi-row INSERT for the updates, one for the claims), one batch in flight at a time, so
 * appends commit and resolve in call order and a workshop's concurrent edits share a commit.
 * `written` resolves only after COMMIT returned, so the room relays nothing the database lacks.
 * Compaction and quarantine are one transaction each, run after every write issued before them.
 */
import type pg from 'pg';
import type { ClientIdClaim, DocStats, DocStore, QuarantinedRecord, StoredRecord } from '../DocStore.ts';
import { SeqAllocator } from '../SeqAllocator.ts';
import { ClaimedClients } from '../ClaimedClients.ts';
import { WriteQueue } from '../WriteQueue.ts';
import { bytes, inTransaction } from './db.ts';

interface AppendUnit {
  docId: string;
  seq: number;
  data: Uint8Array;
  claims: ClientIdClaim[];
}

const closedError = () => new Error('PgDocStore is closed');

export class PgDocStore implements DocStore {
  private readonly seqs = new SeqAllocator('PgDocStore');
  private readonly claimed = new ClaimedClients();
  private readonly maintenance = new Map<string, Promise<void>>();
  private readonly queue: WriteQueue<AppendUnit>;
  private closed = false;

  /** `pool` is owned by the caller: `close()` flushes this store but leaves the pool open. */
  constructor(private readonly pool: pg.Pool) {
    this.queue = new WriteQueue<AppendUnit>(
      (units) => this.commit(units),
      (u) => 1 + u.claims.length,
      2000,
    );
  }

  async load(docId: string): Promise<StoredRecord[]> {
    this.assertOpen();
    await this.settled(docId);
    // One statement, so snapshot, log and quarantine mark come from the same point in time.
    const { rows } = await this.pool.query<{ kind: string; seq: string; data: Buffer | null }>(
      `SELECT 'snapshot' AS kind, seq, data FROM doc_snapshots WHERE doc_id = $1
       UNION ALL SELECT 'update', seq, data FROM doc_updates WHERE doc_id = $1
       UNION ALL SELECT 'quarantine', max(seq), NULL FROM doc_quarantine WHERE doc_id = $1
       ORDER BY 1 DESC, 2`,
      [docId],
    );
    const records: StoredRecord[] = [];
    let highest = 0;
    for (const row of rows) {
      if (row.seq === null) continue;
      const seq = Number(row.seq);
      highest = Math.max(highest, seq);
      if (row.kind === 'snapshot') records.unshift({ seq, kind: 'snapshot', data: bytes(row.data!) });
      else if (row.kind === 'update') records.push({ seq, kind: 'update', data: bytes(row.data!) });
    }
    if (!this.closed) this.seqs.seen(docId, highest);
    return records;
  }

  append(
    docId: string,
    update: Uint8Array,
    claims: readonly ClientIdClaim[] = [],
  ): { seq: number; written: Promise<void> } {
    this.assertOpen();
    const seq = this.seqs.next(docId);
    const fresh = this.claimed.fresh(docId, claims);
    // A copy: the caller may reuse its buffer before the batch leaves.
    return { seq, written: this.queue.push({ docId, seq, data: update.slice(), claims: fresh }) };
  }

  async clientIds(docId: string): Promise<Map<number, string>> {
    this.assertOpen();
    await this.settled(docId);
    const { rows } = await this.pool.query<{ client: string; owner: string }>(
      'SELECT client, owner FROM doc_client_ids WHERE doc_id = $1',
      [docId],
    );
    const out = new Map(rows.map((r) => [Number(r.client), r.owner]));
    this.claimed.stored(docId, out.keys(), this.closed);
    return out;
  }

  compact(docId: string, state: Uint8Array, uptoSeq: number): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    const refused = this.seqs.compactionError(docId, uptoSeq);
    if (refused) return Promise.reject(refused);
    const data = state.slice();
    return this.maintain(docId, () =>
      inTransaction(this.pool, async (client) => {
        const { rows } = await client.query<{ seq: string }>(
          'SELECT seq FROM doc_snapshots WHERE doc_id = $1 FOR UPDATE',
          [docId],
        );
        if (rows.length && Number(rows[0].seq) > uptoSeq) return; // a newer snapshot already covers this
        await client.query(
          `INSERT INTO doc_snapshots (doc_id, seq, data) VALUES ($1, $2, $3)
           ON CONFLICT (doc_id) DO UPDATE SET seq = EXCLUDED.seq, data = EXCLUDED.data`,
          [docId, uptoSeq, data],
        );
        await client.query('DELETE FROM doc_updates WHERE doc_id = $1 AND seq <= $2', [docId, uptoSeq]);
      }),
    );
  }

  quarantine(docId: string, seq: number, reason: string): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    return this.maintain(docId, () =>
      inTransaction(this.pool, async (client) => {
        let kind: StoredRecord['kind'] = 'update';
        let moved = await client.query<{ data: Buffer }>(
          'DELETE FROM doc_updates WHERE doc_id = $1 AND seq = $2 RETURNING data',
          [docId, seq],
        );
        if (!moved.rows.length) {
          kind = 'snapshot';
          moved = await client.query<{ data: Buffer }>(
            'DELETE FROM doc_snapshots WHERE doc_id = $1 AND seq = $2 RETURNING data',
            [docId, seq],
          );
        }
        // Nothing stored under that seq (already compacted away): nothing left to move aside.
        if (!moved.rows.length) return;
        await client.query(
          `INSERT INTO doc_quarantine (doc_id, seq, kind, reason, at, data) VALUES ($1, $2, $3, $4, now(), $5)
           ON CONFLICT DO NOTHING`,
          [docId, seq, kind, reason, moved.rows[0].data],
        );
      }),
    );
  }

  async quarantined(docId: string): Promise<QuarantinedRecord[]> {
    await this.settled(docId);
    const { rows } = await this.pool.query<{
      seq: string;
      kind: StoredRecord['kind'];
      reason: string;
      at: Date;
      data: Buffer;
    }>('SELECT seq, kind, reason, at, data FROM doc_quarantine WHERE doc_id = $1 ORDER BY seq, kind', [docId]);
    return rows.map((r) => ({
      seq: Number(r.seq),
      kind: r.kind,
      reason: r.reason,
      at: r.at.toISOString(),
      data: bytes(r.data),
    }));
  }

  async stats(docId: string): Promise<DocStats> {
    await this.settled(docId);
    const { rows } = await this.pool.query<{ snapshots: number; log_records: number; log_bytes: string }>(
      `SELECT (SELECT count(*)::int FROM doc_snapshots WHERE doc_id = $1) AS snapshots,
              count(*)::int AS log_records, coalesce(sum(octet_length(data)), 0) AS log_bytes
       FROM doc_updates WHERE doc_id = $1`,
      [docId],
    );
    const r = rows[0];
    return { records: r.snapshots + r.log_records, logRecords: r.log_records, logBytes: Number(r.log_bytes) };
  }

  async exists(docId: string): Promise<boolean> {
    await this.settled(docId);
    const { rows } = await this.pool.query<{ found: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM doc_snapshots WHERE doc_id = $1)
           OR EXISTS (SELECT 1 FROM doc_updates WHERE doc_id = $1) AS found`,
      [docId],
    );
    return rows[0].found;
  }

  async listDocs(): Promise<string[]> {
    await Promise.all([...this.maintenance.values(), this.queue.barrier()]);
    const { rows } = await this.pool.query<{ doc_id: string }>(
      `SELECT doc_id FROM doc_snapshots UNION SELECT DISTINCT doc_id FROM doc_updates ORDER BY 1`,
    );
    return rows.map((r) => r.doc_id);
  }

  /** Refuses new work and resolves once everything already asked for is written. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.maintenance.values(), this.queue.barrier()]);
    this.seqs.clear();
    this.claimed.clear();
  }

  private assertOpen(): void {
    if (this.closed) throw closedError();
  }

  private async commit(units: AppendUnit[]): Promise<void> {
    const claims = units.flatMap((u) => u.claims.map(([client, owner]) => ({ docId: u.docId, client, owner })));
    await inTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO doc_updates (doc_id, seq, data)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[])`,
        [units.map((u) => u.docId), units.map((u) => u.seq), units.map((u) => Buffer.from(u.data))],
      );
      if (claims.length) {
        // The first claim of a client id stands: a later one (another node's race) changes nothing.
        await client.query(
          `INSERT INTO doc_client_ids (doc_id, client, owner)
           SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[]) ON CONFLICT DO NOTHING`,
          [claims.map((c) => c.docId), claims.map((c) => c.client), claims.map((c) => c.owner)],
        );
      }
    });
  }

  private async settled(docId: string): Promise<void> {
    await Promise.all([this.maintenance.get(docId), this.queue.barrier()]);
  }

  /** Runs `step` after the doc's previous maintenance and after every write issued before now. */
  private maintain(docId: string, step: () => Promise<void>): Promise<void> {
    const previous = this.maintenance.get(docId) ?? Promise.resolve();
    const barrier = this.queue.barrier();
    const result = Promise.all([previous, barrier]).then(step);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.maintenance.set(docId, tail);
    void tail.then(() => {
      if (this.maintenance.get(docId) === tail) this.maintenance.delete(docId);
    });
    return result;
  }
}
