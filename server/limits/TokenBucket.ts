/**
 * A per-connection message rate limiter: a token bucket that refills at `ratePerSecond` up to
 * `burst` tokens. Pure apart from the injected clock, so it is tested without timers.
 *
 * The sync socket does not drop a message when the bucket is empty (a dropped y-websocket update
 * would silently break convergence); it takes the token anyway, running into debt, and stops
 * reading the socket for `take()` milliseconds. TCP then pushes the flood back onto the sender,
 * which costs the server nothing. What must stay true:
 * - a burst of up to `burst` messages is never delayed (programmatic clients send one message per
 *   transaction, thousands at a time);
 * - over any window of t seconds at most `burst + ratePerSecond * t` messages get through without
 *   a wait, however they are spaced;
 * - `take()` is O(1) and allocates nothing: it runs on every websocket message.
 */
export interface TokenBucketOptions {
  ratePerSecond: number;
  burst: number;
  /** Milliseconds clock; defaults to performance.now (monotonic). */
  now?: () => number;
}

export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly ratePerMs: number;
  private readonly burst: number;
  private readonly now: () => number;

  constructor(opts: TokenBucketOptions) {
    if (!(opts.ratePerSecond > 0) || !(opts.burst >= 1))
      throw new RangeError('ratePerSecond must be > 0 and burst >= 1');
    this.ratePerMs = opts.ratePerSecond / 1000;
    this.burst = opts.burst;
    this.now = opts.now ?? (() => performance.now());
    this.tokens = opts.burst;
    this.last = this.now();
  }

  private refill(): void {
    const t = this.now();
    if (t > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + (t - this.last) * this.ratePerMs);
      this.last = t;
    }
  }

  /**
   * Takes `n` tokens, going into debt if needed. Returns 0 when the bucket still had them, else the
   * milliseconds until the debt is repaid (the time the caller should stop reading).
   */
  take(n = 1): number {
    this.refill();
    this.tokens -= n;
    return this.tokens >= 0 ? 0 : Math.ceil(-this.tokens / this.ratePerMs);
  }

  /** Tokens available now (may be negative while in debt). */
  available(): number {
    this.refill();
    return this.tokens;
  }
}
