/**
 * The LevelDB document store. Everything lives under the `docs` sublevel of the app's database:
 *
 *   d:<enc(docId)>:s:<seq16>   the snapshot (at most one), covering log records up to seq
 *   d:<enc(docId)>:l:<seq16>   one log record per appended update
 * and, in the nested `quarantine` sublevel (JSON values), records moved aside:
 *   <enc(docId)>:<seq16>:<kind>   {docId, seq, kind, reason, at, data (base64)}
 * and, in the nested `clientIds` sublevel (UTF-8 values), who first wrote under a client id:
 *   <enc(docId)>:<client>         owner
 *
 * `enc` is encodeURIComponent, which escapes ':', so one doc's range never takes in another's
 * (`a` vs `a:b`); seqs are zero-padded to 16 digits (all safe integers) so key order is seq order.
 *
 * What must stay true:
 * - the next seq of a doc is known only after `load(docId)`: it is the highest seq found among
 *   the snapshot, the log and the quarantine, so a seq is never reused, even after a compaction
 *   deleted the log or a quarantine moved the last record;
 * - writes go out through one queue, one `db.batch()` at a time, in call order: appends resolve
 *   in call order, and whatever piles up while a batch is in flight leaves as the next batch;
 * - `written` resolves when LevelDB has taken the batch: its log write has reached the OS, which
 *   survives a kill -9 of the process (not a power cut: no fsync, by choice, for throughput);
 * - compactions and quarantines of one doc run one after another, each after every write
 *   issued before it was called has been committed, so a compaction never misses a record it
 *   claims to cover, and a stale one never replaces a newer snapshot.
 */
import type { BatchOperation, Level } from 'level';
import type { ClientIdClaim, DocStats, DocStore, QuarantinedRecord, StoredRecord } from './DocStore.ts';
import { SeqAllocator } from './SeqAllocator.ts';
import { ClaimedClients } from './ClaimedClients.ts';
import { WriteQueue } from './WriteQueue.ts';

export type { QuarantinedRecord };

interface QuarantineValue {
  docId: string;
  seq: number;
  kind: StoredRecord['kind'];
  reason: string;
  at: string;
  /** base64: the value encoding is JSON. */
  data: string;
}

const SEQ_DIGITS = 16;

const docPrefix = (docId: string) => `d:${encodeURIComponent(docId)}:`;
const padSeq = (seq: number) => String(seq).padStart(SEQ_DIGITS, '0');
/** The first key after every key that starts with `prefix` (prefixes here end with ':'). */
const after = (prefix: string) => prefix.slice(0, -1) + ';';

const closedError = () => new Error('LevelDocStore is closed');

function openSublevels(db: Level<string, unknown>) {
  const records = db.sublevel<string, Uint8Array>('docs', { keyEncoding: 'utf8', valueEncoding: 'view' });
  const quarantine = records.sublevel<string, QuarantineValue>('quarantine', {
    keyEncoding: 'utf8',
    valueEncoding: 'json',
  });
  const clientIds = records.sublevel<string, string>('clientIds', { keyEncoding: 'utf8', valueEncoding: 'utf8' });
  return { records, quarantine, clientIds };
}
type Sublevels = ReturnType<typeof openSublevels>;
type BatchOps = Array<BatchOperation<Sublevels['records'], string, Uint8Array | QuarantineValue | string>>;

export class LevelDocStore implements DocStore {
  private readonly records: Sublevels['records'];
  private readonly quarantineArea: Sublevels['quarantine'];
  private readonly clientIdArea: Sublevels['clientIds'];
  private readonly claimed = new ClaimedClients();
  private readonly seqs = new SeqAllocator('LevelDocStore');
  /** Per doc, the tail of its chain of compactions and quarantines (never rejects). */
  private readonly maintenance = new Map<string, Promise<void>>();
  private readonly queue: WriteQueue<BatchOps>;
  private closed = false;

  /** `db` is owned by the app: `close()` flushes this store but leaves `db` open. */
  constructor(db: Level<string, unknown>) {
    const { records, quarantine, clientIds } = openSublevels(db);
    this.records = records;
    this.quarantineArea = quarantine;
    this.clientIdArea = clientIds;
    this.queue = new WriteQueue<BatchOps>(
      (units) => this.records.batch(units.flat(), {}),
      (ops) => ops.length,
    );
  }

  async load(docId: string): Promise<StoredRecord[]> {
    this.assertOpen();
    await this.settled(docId);
    const prefix = docPrefix(docId);
    let snapshot: StoredRecord | undefined;
    const log: StoredRecord[] = [];
    // One iterator, so snapshot and log come from the same point in time.
    for await (const [key, data] of this.records.iterator({ gte: prefix, lt: after(prefix) })) {
      const seq = Number(key.slice(prefix.length + 2));
      if (key[prefix.length] === 's') snapshot = { seq, kind: 'snapshot', data };
      else log.push({ seq, kind: 'update', data });
    }
    const lastQuarantined = await this.quarantineArea
      .keys({ gte: encodeURIComponent(docId) + ':', lt: encodeURIComponent(docId) + ';', reverse: true, limit: 1 })
      .all();
    const quarantinedSeq = lastQuarantined.length ? Number(lastQuarantined[0].split(':')[1]) : 0;
    if (!this.closed) this.seqs.seen(docId, Math.max(snapshot?.seq ?? 0, log.at(-1)?.seq ?? 0, quarantinedSeq));
    return snapshot ? [snapshot, ...log] : log;
  }

  append(
    docId: string,
    update: Uint8Array,
    claims: readonly ClientIdClaim[] = [],
  ): { seq: number; written: Promise<void> } {
    this.assertOpen();
    const seq = this.seqs.next(docId);
    const ops: BatchOps = [{ type: 'put', key: docPrefix(docId) + 'l:' + padSeq(seq), value: update }];
    for (const [client, owner] of this.claimed.fresh(docId, claims)) {
      ops.push({
        type: 'put',
        key: `${encodeURIComponent(docId)}:${client}`,
        value: owner,
        sublevel: this.clientIdArea as never,
      });
    }
    return { seq, written: this.write(ops) };
  }

  async clientIds(docId: string): Promise<Map<number, string>> {
    this.assertOpen();
    await this.settled(docId);
    const enc = encodeURIComponent(docId);
    const out = new Map<number, string>();
    for await (const [key, owner] of this.clientIdArea.iterator({ gte: enc + ':', lt: enc + ';' })) {
      out.set(Number(key.slice(enc.length + 1)), owner);
    }
    this.claimed.stored(docId, out.keys(), this.closed);
    return out;
  }

  compact(docId: string, state: Uint8Array, uptoSeq: number): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    const refused = this.seqs.compactionError(docId, uptoSeq);
    if (refused) return Promise.reject(refused);
    return this.maintain(docId, async () => {
      const prefix = docPrefix(docId);
      const ops: BatchOps = [];
      for await (const key of this.records.keys({ gte: prefix + 's:', lt: prefix + 's;' })) {
        if (Number(key.slice(prefix.length + 2)) > uptoSeq) return; // a newer snapshot already covers this
        ops.push({ type: 'del', key });
      }
      for await (const key of this.records.keys({ gte: prefix + 'l:', lte: prefix + 'l:' + padSeq(uptoSeq) })) {
        ops.push({ type: 'del', key });
      }
      ops.push({ type: 'put', key: prefix + 's:' + padSeq(uptoSeq), value: state });
      await this.write(ops);
    });
  }

  quarantine(docId: string, seq: number, reason: string): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    return this.maintain(docId, async () => {
      const prefix = docPrefix(docId);
      for (const kind of ['update', 'snapshot'] as const) {
        const key = prefix + (kind === 'update' ? 'l:' : 's:') + padSeq(seq);
        const data = await this.records.get(key);
        if (data === undefined) continue;
        const value: QuarantineValue = {
          docId,
          seq,
          kind,
          reason,
          at: new Date().toISOString(),
          data: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64'),
        };
        const quarantineKey = `${encodeURIComponent(docId)}:${padSeq(seq)}:${kind}`;
        await this.write([
          { type: 'del', key },
          { type: 'put', key: quarantineKey, value, sublevel: this.quarantineArea },
        ]);
        return;
      }
      // Nothing stored under that seq (already compacted away): nothing left to move aside.
    });
  }

  /** Records moved aside for `docId`, oldest seq first. */
  async quarantined(docId: string): Promise<QuarantinedRecord[]> {
    await this.settled(docId);
    const enc = encodeURIComponent(docId);
    const values = await this.quarantineArea.values({ gte: enc + ':', lt: enc + ';' }).all();
    return values.map((v) => ({
      seq: v.seq,
      kind: v.kind,
      reason: v.reason,
      at: v.at,
      data: new Uint8Array(Buffer.from(v.data, 'base64')),
    }));
  }

  async stats(docId: string): Promise<DocStats> {
    await this.settled(docId);
    const prefix = docPrefix(docId);
    const snapshots = await this.records.keys({ gte: prefix + 's:', lt: prefix + 's;' }).all();
    let logRecords = 0;
    let logBytes = 0;
    for await (const data of this.records.values({ gte: prefix + 'l:', lt: prefix + 'l;' })) {
      logRecords += 1;
      logBytes += data.byteLength;
    }
    return { records: snapshots.length + logRecords, logRecords, logBytes };
  }

  async exists(docId: string): Promise<boolean> {
    await this.settled(docId);
    const prefix = docPrefix(docId);
    return (await this.records.keys({ gte: prefix, lt: after(prefix), limit: 1 }).all()).length > 0;
  }

  async listDocs(): Promise<string[]> {
    await Promise.all([...this.maintenance.values(), this.write([])]);
    const ids: string[] = [];
    const it = this.records.keys({ gte: 'd:', lt: 'd;' });
    try {
      // Skip-scan: one step per doc, not per record.
      for (let key = await it.next(); key !== undefined; key = await it.next()) {
        const enc = key.slice(2, key.indexOf(':', 2));
        ids.push(decodeURIComponent(enc));
        it.seek(`d:${enc};`);
      }
    } finally {
      await it.close();
    }
    return ids;
  }

  /** Refuses new work and resolves once everything already asked for is written. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.maintenance.values(), this.write([])]);
    this.seqs.clear();
    this.claimed.clear();
  }

  // ---------------------------------------------------------------------------------------
  // Ordering and group commit
  // ---------------------------------------------------------------------------------------

  private assertOpen(): void {
    if (this.closed) throw closedError();
  }

  /** Resolves once every write and maintenance step issued so far for `docId` is done. */
  private async settled(docId: string): Promise<void> {
    await Promise.all([this.maintenance.get(docId), this.write([])]);
  }

  /** Runs `step` after the doc's previous maintenance and after every write issued before now. */
  private maintain(docId: string, step: () => Promise<void>): Promise<void> {
    const previous = this.maintenance.get(docId) ?? Promise.resolve();
    // The barrier is queued now, behind every append already called, whatever `previous` does.
    const barrier = this.write([]);
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

  /** Queues `ops` as one atomic unit; an empty unit is a barrier behind everything queued. */
  private write(ops: BatchOps): Promise<void> {
    return ops.length ? this.queue.push(ops) : this.queue.barrier();
  }
}
