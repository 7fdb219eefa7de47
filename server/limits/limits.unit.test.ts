import { describe, expect, it } from 'vitest';
import { TokenBucket } from './TokenBucket.ts';
import { ConnectionCounter } from './ConnectionCounter.ts';

function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('TokenBucket', () => {
  it('lets a full burst through without a wait, then asks the caller to wait for the debt', () => {
    const c = clock();
    const b = new TokenBucket({ ratePerSecond: 100, burst: 50, now: c.now });
    for (let i = 0; i < 50; i++) expect(b.take()).toBe(0);
    // One message of debt at 100/s is repaid in 10 ms.
    expect(b.take()).toBe(10);
    expect(b.take()).toBe(20);
    c.advance(20);
    expect(b.available()).toBeCloseTo(0);
    expect(b.take()).toBe(10);
  });

  it('never holds more than the burst, however long it idled', () => {
    const c = clock();
    const b = new TokenBucket({ ratePerSecond: 1000, burst: 10, now: c.now });
    c.advance(60_000);
    expect(b.available()).toBe(10);
  });

  it('over any window lets at most burst + rate * t messages through without a wait', () => {
    const c = clock();
    const rate = 200;
    const burst = 30;
    const b = new TokenBucket({ ratePerSecond: rate, burst, now: c.now });
    let free = 0;
    // Irregular spacing, 5 seconds of simulated time, many more attempts than allowed.
    for (let i = 0; i < 20_000; i++) {
      c.advance((i * 7919) % 3 === 0 ? 1 : 0);
      if (b.take() === 0) free++;
      else b.take(-1); // the caller waited instead: give the token back for this model
    }
    const seconds = c.now() / 1000;
    expect(free).toBeLessThanOrEqual(burst + rate * seconds + 1);
    expect(free).toBeGreaterThan(rate * seconds * 0.9);
  });

  it('rejects nonsense options', () => {
    expect(() => new TokenBucket({ ratePerSecond: 0, burst: 1 })).toThrow(RangeError);
    expect(() => new TokenBucket({ ratePerSecond: 1, burst: 0 })).toThrow(RangeError);
  });
});

describe('ConnectionCounter', () => {
  it('refuses the connection beyond the cap, per user', () => {
    const k = new ConnectionCounter(2);
    const a1 = k.tryAcquire('ada');
    const a2 = k.tryAcquire('ada');
    expect(a1 && a2).toBeTruthy();
    expect(k.tryAcquire('ada')).toBeNull();
    expect(k.tryAcquire('ben')).not.toBeNull();
    a1!();
    expect(k.count('ada')).toBe(1);
    expect(k.tryAcquire('ada')).not.toBeNull();
  });

  it('release is idempotent and forgets users with nothing open', () => {
    const k = new ConnectionCounter(1);
    const r = k.tryAcquire('ada')!;
    r();
    r();
    expect(k.count('ada')).toBe(0);
    expect(k.users()).toBe(0);
    const r2 = k.tryAcquire('ada')!;
    r();
    expect(k.count('ada')).toBe(1);
    r2();
    expect(k.users()).toBe(0);
  });
});
