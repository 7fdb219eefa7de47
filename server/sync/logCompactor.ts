/**
 * Keeps a loaded document's stored log short: counts what was appended since the last snapshot
 * and folds the log into one snapshot when it passes COMPACT_AFTER_UPDATES or
 * COMPACT_AFTER_BYTES, so load time follows document size, not history length.
 *
 * What must stay true: a snapshot covers exactly the appends made before it was encoded (it is
 * taken "up to" the last seq handed out); a failed compaction keeps the log and waits for the
 * next append; nothing compacts once the room has ended.
 */
import * as Y from 'yjs';
import type { DocStore } from '../storage/DocStore.ts';

export interface CompactionLimits {
  compactAfterUpdates: number;
  compactAfterBytes: number;
}

export class LogCompactor {
  private lastSeq: number;
  private logRecords: number;
  private logBytes: number;
  private compacting: Promise<void> | null = null;

  constructor(
    private readonly docId: string,
    private readonly doc: Y.Doc,
    private readonly store: DocStore,
    private readonly limits: CompactionLimits,
    log: { lastSeq: number; logRecords: number; logBytes: number },
    private readonly logger: { error(obj: object, msg: string): void },
    private readonly ended: () => boolean,
  ) {
    this.lastSeq = log.lastSeq;
    this.logRecords = log.logRecords;
    this.logBytes = log.logBytes;
  }

  /** One update appended under `seq`; compacts soon when the log has grown past the limits. */
  appended(seq: number, bytes: number): void {
    this.lastSeq = seq;
    this.logRecords += 1;
    this.logBytes += bytes;
    if (this.overThreshold()) this.schedule();
  }

  /** Folds the log into one snapshot. The snapshot covers exactly what was appended so far. */
  async compactNow(): Promise<boolean> {
    if (this.ended() || this.logRecords === 0) return false;
    const upto = this.lastSeq;
    const state = Y.encodeStateAsUpdate(this.doc);
    const records = this.logRecords;
    const bytes = this.logBytes;
    try {
      await this.store.compact(this.docId, state, upto);
      this.logRecords -= records;
      this.logBytes -= bytes;
      return true;
    } catch (err) {
      this.logger.error({ docId: this.docId, err }, 'compaction failed; the log is kept');
      return false;
    }
  }

  /** Resolves once a compaction in progress is done. */
  async settled(): Promise<void> {
    if (this.compacting) await this.compacting;
  }

  private overThreshold(): boolean {
    return this.logRecords >= this.limits.compactAfterUpdates || this.logBytes >= this.limits.compactAfterBytes;
  }

  private schedule(): void {
    if (this.compacting || this.ended()) return;
    this.compacting = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.compactNow())
      .catch(() => false)
      .then((ok) => {
        this.compacting = null;
        // Appends that arrived while compacting may already be past the threshold again, and
        // no further append may come to notice it. A failed compaction waits for the next append.
        if (ok && this.overThreshold()) this.schedule();
      });
  }
}
