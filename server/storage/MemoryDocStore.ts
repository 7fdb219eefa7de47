/**
 * The in-memory document store for unit tests, with the LevelDocStore's semantics (the same
 * contract suite runs against both): seqs are known only after `load`, never reused, and a
 * stale compaction never replaces a newer snapshot.
 *
 * Changes apply when called, so ordering holds trivially; `written` still resolves
 * asynchronously, as it does with LevelDB, so callers cannot come to rely on it being sync.
 * A restart is simulated by a new store over the same `MemoryBacking`.
 */
import type { ClientIdClaim, DocStats, DocStore, QuarantinedRecord, StoredRecord } from './DocStore.ts';
import { SeqAllocator } from './SeqAllocator.ts';

interface MemoryDoc {
  snapshot?: { seq: number; data: Uint8Array };
  /** seq → update; insertion order is seq order because seqs only grow. */
  log: Map<number, Uint8Array>;
  quarantined: QuarantinedRecord[];
  clientIds: Map<number, string>;
}

/** What survives a simulated restart. */
export type MemoryBacking = Map<string, MemoryDoc>;

export class MemoryDocStore implements DocStore {
  private readonly seqs = new SeqAllocator('MemoryDocStore');
  private closed = false;

  constructor(private readonly backing: MemoryBacking = new Map()) {}

  async load(docId: string): Promise<StoredRecord[]> {
    this.assertOpen();
    const doc = this.backing.get(docId);
    const records: StoredRecord[] = [];
    if (doc?.snapshot) records.push({ seq: doc.snapshot.seq, kind: 'snapshot', data: doc.snapshot.data.slice() });
    for (const [seq, data] of doc?.log ?? []) records.push({ seq, kind: 'update', data: data.slice() });
    let highest = 0;
    for (const { seq } of [...records, ...(doc?.quarantined ?? [])]) highest = Math.max(highest, seq);
    this.seqs.seen(docId, highest);
    return records;
  }

  append(
    docId: string,
    update: Uint8Array,
    claims: readonly ClientIdClaim[] = [],
  ): { seq: number; written: Promise<void> } {
    this.assertOpen();
    const seq = this.seqs.next(docId);
    // A copy: the caller may reuse its buffer, which LevelDB would not notice either.
    const doc = this.doc(docId);
    doc.log.set(seq, update.slice());
    for (const [client, owner] of claims) if (!doc.clientIds.has(client)) doc.clientIds.set(client, owner);
    return { seq, written: Promise.resolve() };
  }

  async clientIds(docId: string): Promise<Map<number, string>> {
    return new Map(this.backing.get(docId)?.clientIds ?? []);
  }

  async compact(docId: string, state: Uint8Array, uptoSeq: number): Promise<void> {
    this.assertOpen();
    const refused = this.seqs.compactionError(docId, uptoSeq);
    if (refused) throw refused;
    const doc = this.doc(docId);
    if (doc.snapshot && doc.snapshot.seq > uptoSeq) return;
    doc.snapshot = { seq: uptoSeq, data: state.slice() };
    for (const seq of doc.log.keys()) if (seq <= uptoSeq) doc.log.delete(seq);
  }

  async quarantine(docId: string, seq: number, reason: string): Promise<void> {
    this.assertOpen();
    const doc = this.backing.get(docId);
    if (!doc) return;
    const at = new Date().toISOString();
    const update = doc.log.get(seq);
    if (update) {
      doc.log.delete(seq);
      doc.quarantined.push({ seq, kind: 'update', reason, at, data: update });
    } else if (doc.snapshot?.seq === seq) {
      doc.quarantined.push({ seq, kind: 'snapshot', reason, at, data: doc.snapshot.data });
      doc.snapshot = undefined;
    }
  }

  /** Records moved aside for `docId`, oldest seq first. */
  async quarantined(docId: string): Promise<QuarantinedRecord[]> {
    const list = this.backing.get(docId)?.quarantined ?? [];
    return list.map((q) => ({ ...q, data: q.data.slice() })).sort((a, b) => a.seq - b.seq);
  }

  async stats(docId: string): Promise<DocStats> {
    const doc = this.backing.get(docId);
    const logRecords = doc?.log.size ?? 0;
    let logBytes = 0;
    for (const data of doc?.log.values() ?? []) logBytes += data.byteLength;
    return { records: (doc?.snapshot ? 1 : 0) + logRecords, logRecords, logBytes };
  }

  async exists(docId: string): Promise<boolean> {
    const doc = this.backing.get(docId);
    return !!doc && (!!doc.snapshot || doc.log.size > 0);
  }

  async listDocs(): Promise<string[]> {
    const ids: string[] = [];
    for (const id of this.backing.keys()) if (await this.exists(id)) ids.push(id);
    return ids.sort();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.seqs.clear();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('MemoryDocStore is closed');
  }

  private doc(docId: string): MemoryDoc {
    let doc = this.backing.get(docId);
    if (!doc) {
      doc = { log: new Map(), quarantined: [], clientIds: new Map() };
      this.backing.set(docId, doc);
    }
    return doc;
  }
}
