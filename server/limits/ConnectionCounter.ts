/**
 * Counts open sync connections per user and refuses one beyond `max`. Pure bookkeeping: the
 * caller acquires before the websocket upgrade and calls the returned release exactly when the
 * underlying TCP socket closes, whatever happened in between (upgrade refused, client gone).
 *
 * What must stay true: a release is idempotent (calling it twice frees one slot, not two), and a
 * user with no connection holds no map entry, so the map never grows with users who left.
 */
export type Release = () => void;

export class ConnectionCounter {
  private readonly open = new Map<string, number>();

  constructor(private readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError('max must be a positive integer');
  }

  /** A release function, or null when `userId` already holds `max` connections. */
  tryAcquire(userId: string): Release | null {
    const n = this.open.get(userId) ?? 0;
    if (n >= this.max) return null;
    this.open.set(userId, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(userId) ?? 1) - 1;
      if (left > 0) this.open.set(userId, left);
      else this.open.delete(userId);
    };
  }

  count(userId: string): number {
    return this.open.get(userId) ?? 0;
  }

  /** Users with at least one open connection. */
  users(): number {
    return this.open.size;
  }
}
