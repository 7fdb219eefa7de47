/**
 * The batched write queue shared by the document stores (group commit). Units are queued in call
 * order and leave in batches, one batch in flight at a time: whatever piles up while a batch is
 * being written leaves as the next one. A unit resolves only once its whole batch was committed,
 * so units resolve in call order; a failed batch rejects all of its units and the queue goes on
 * with the next. A barrier shares the fate of the batch it ends up in.
 *
 * A flush is scheduled on a microtask, not a timer: a lone unit leaves at once, while units queued
 * in the same synchronous run (one Yjs transaction, one incoming message) share its batch.
 */
interface Pending<U> {
  unit: U | null;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class WriteQueue<U> {
  private queue: Array<Pending<U>> = [];
  private writing = false;
  private scheduled = false;

  /**
   * @param commit writes every unit of a batch atomically, in order.
   * @param size how much a unit weighs; a batch stops before it would pass `maxBatch`
   *   (never inside a unit, so each stays atomic).
   */
  constructor(
    private readonly commit: (units: U[]) => Promise<void>,
    private readonly size: (unit: U) => number = () => 1,
    private readonly maxBatch = 4000,
  ) {}

  /** Queues `unit`; resolves once it is committed. */
  push(unit: U): Promise<void> {
    return this.enqueue(unit);
  }

  /** Resolves once every unit queued before this call has been written (or failed). */
  barrier(): Promise<void> {
    return this.enqueue(null);
  }

  private enqueue(unit: U | null): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ unit, resolve, reject });
      if (this.writing || this.scheduled) return;
      this.scheduled = true;
      queueMicrotask(() => {
        this.scheduled = false;
        void this.flush();
      });
    });
  }

  private async flush(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.queue.length) {
        const batch = this.take();
        const units = batch.flatMap((p) => (p.unit === null ? [] : [p.unit]));
        try {
          if (units.length) await this.commit(units);
          for (const p of batch) p.resolve();
        } catch (err) {
          // Barriers in the batch fail too: whoever waits on one (a compaction) must not go
          // ahead as if the writes before it were stored.
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private take(): Array<Pending<U>> {
    let weight = 0;
    let n = 0;
    while (n < this.queue.length) {
      const unit = this.queue[n].unit;
      const w = unit === null ? 0 : this.size(unit);
      if (n > 0 && weight + w > this.maxBatch) break;
      weight += w;
      n += 1;
    }
    return this.queue.splice(0, n);
  }
}
