/**
 * Failed-login throttling, per email and per client IP, in memory. A fixed window per key: after
 * `maxFailures` failures within `windowMs` the key is blocked until the window ends. A success
 * clears the email's counter (not the IP's: one IP guessing many accounts stays throttled).
 *
 * In memory on purpose: a restart forgets counters, which only helps an attacker who can restart
 * the server. A per-IP cap bounds the map's growth from guessed emails (`maxKeys`).
 */
export interface LimiterOptions {
  windowMs: number;
  maxFailuresPerEmail: number;
  maxFailuresPerIp: number;
  maxKeys?: number;
  now?: () => number;
}

export const DEFAULT_LIMITS: LimiterOptions = {
  windowMs: 15 * 60_000,
  maxFailuresPerEmail: 5,
  maxFailuresPerIp: 50,
};

interface Window {
  failures: number;
  resetAt: number;
}

export class LoginLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly now: () => number;

  constructor(private readonly opts: LimiterOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Seconds until the caller may try again, or 0 when allowed. */
  retryAfterSeconds(email: string, ip: string): number {
    const now = this.now();
    let waitMs = 0;
    for (const [key, max] of this.keys(email, ip)) {
      const w = this.live(key, now);
      if (w && w.failures >= max) waitMs = Math.max(waitMs, w.resetAt - now);
    }
    return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
  }

  recordFailure(email: string, ip: string): void {
    const now = this.now();
    if (this.windows.size >= (this.opts.maxKeys ?? 100_000)) this.prune(now);
    for (const [key] of this.keys(email, ip)) {
      const w = this.live(key, now) ?? { failures: 0, resetAt: now + this.opts.windowMs };
      w.failures += 1;
      this.windows.set(key, w);
    }
  }

  recordSuccess(email: string): void {
    this.windows.delete(`email:${email}`);
  }

  private keys(email: string, ip: string): Array<[string, number]> {
    return [
      [`email:${email}`, this.opts.maxFailuresPerEmail],
      [`ip:${ip}`, this.opts.maxFailuresPerIp],
    ];
  }

  private live(key: string, now: number): Window | undefined {
    const w = this.windows.get(key);
    if (w && w.resetAt <= now) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}
