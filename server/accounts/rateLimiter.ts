/**
 * Attempts per key in a fixed window, in memory: invitation, acceptance and reset routes take
 * one attempt per call, whatever the outcome (unlike the login limiter, which counts failures).
 * Keys are the caller's IP, their user id, or a normalized e-mail address.
 *
 * In memory for the same reason as loginLimiter.ts: a restart only forgets counters.
 */
export interface AttemptLimit {
  max: number;
  windowMs: number;
}

interface Window {
  count: number;
  resetAt: number;
}

export class AttemptLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** Counts an attempt; returns 0 when allowed, else the seconds until the window ends. */
  take(key: string, limit: AttemptLimit): number {
    const now = this.now();
    if (this.windows.size >= this.maxKeys) this.prune(now);
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + limit.windowMs };
      this.windows.set(key, w);
    }
    if (w.count >= limit.max) return Math.max(1, Math.ceil((w.resetAt - now) / 1000));
    w.count += 1;
    return 0;
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}
