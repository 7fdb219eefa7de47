/**
 * The one place document seqs are handed out, shared by every DocStore implementation so the
 * rules hold the same way on each backend.
 *
 * What must stay true:
 * - a doc's next seq is known only after its store reported the highest seq it holds (`seen`,
 *   called from `load`); `next` before that throws, because guessing could reuse a seq;
 * - `seen` only ever raises the mark: a load that raced with appends never moves it back;
 * - seqs of one doc are handed out synchronously, one after another, never twice.
 */
export class SeqAllocator {
  private readonly last = new Map<string, number>();

  constructor(private readonly storeName: string) {}

  /** Records that `docId` holds nothing above `highest`. */
  seen(docId: string, highest: number): void {
    this.last.set(docId, Math.max(highest, this.last.get(docId) ?? 0));
  }

  /** The next seq of a loaded doc. */
  next(docId: string): number {
    const last = this.last.get(docId);
    if (last === undefined) {
      throw new Error(
        `${this.storeName}.append: load("${docId}") first; the next seq is only known once the document was loaded`,
      );
    }
    this.last.set(docId, last + 1);
    return last + 1;
  }

  /** The last seq handed out or seen, or undefined before the doc was loaded. */
  current(docId: string): number | undefined {
    return this.last.get(docId);
  }

  /**
   * Why `uptoSeq` may not be compacted to, or undefined when it is a seq already handed out for
   * `docId`: a snapshot ahead of the log would make later appends sort before it.
   */
  compactionError(docId: string, uptoSeq: number): RangeError | undefined {
    const last = this.last.get(docId);
    if (Number.isSafeInteger(uptoSeq) && uptoSeq >= 0 && (last === undefined || uptoSeq <= last)) return undefined;
    return new RangeError(`compact("${docId}"): uptoSeq ${uptoSeq} is not a seq handed out (last is ${last})`);
  }

  clear(): void {
    this.last.clear();
  }
}
