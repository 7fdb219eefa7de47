import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './loginLimiter.ts';

function limiter() {
  let t = 1_000_000;
  const l = new LoginLimiter({ windowMs: 60_000, maxFailuresPerEmail: 3, maxFailuresPerIp: 5, now: () => t });
  return { l, advance: (ms: number) => (t += ms) };
}

describe('LoginLimiter', () => {
  it('blocks an email after its failures, until the window ends', () => {
    const { l, advance } = limiter();
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfterSeconds('a@x', '1.1.1.1')).toBe(0);
      l.recordFailure('a@x', '1.1.1.1');
    }
    expect(l.retryAfterSeconds('a@x', '2.2.2.2')).toBe(60);
    advance(30_000);
    expect(l.retryAfterSeconds('a@x', '2.2.2.2')).toBe(30);
    advance(30_000);
    expect(l.retryAfterSeconds('a@x', '2.2.2.2')).toBe(0);
  });

  it('blocks an IP that tries many emails', () => {
    const { l } = limiter();
    for (let i = 0; i < 5; i++) l.recordFailure(`u${i}@x`, '9.9.9.9');
    expect(l.retryAfterSeconds('fresh@x', '9.9.9.9')).toBeGreaterThan(0);
    expect(l.retryAfterSeconds('fresh@x', '8.8.8.8')).toBe(0);
  });

  it('a success clears the email counter but not the IP counter', () => {
    const { l } = limiter();
    for (let i = 0; i < 2; i++) l.recordFailure('a@x', '1.1.1.1');
    l.recordSuccess('a@x');
    l.recordFailure('a@x', '1.1.1.1');
    expect(l.retryAfterSeconds('a@x', '3.3.3.3')).toBe(0);
    for (let i = 0; i < 2; i++) l.recordFailure('b@x', '1.1.1.1');
    expect(l.retryAfterSeconds('c@x', '1.1.1.1')).toBeGreaterThan(0);
  });
});
