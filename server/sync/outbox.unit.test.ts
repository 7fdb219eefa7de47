import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/closeCodes.ts';
import { Connection, type SyncSocket } from './connection.ts';
import { Outbox } from './outbox.ts';

/** A socket that records writes: each uncork (or uncorked send) is one system call. */
function socket(buffered = 0) {
  const calls: string[][] = [];
  let pending: string[] | null = null;
  const s: SyncSocket & { calls: string[][] } = {
    calls,
    bufferedAmount: buffered,
    send: (d) => (pending ? pending.push(String.fromCharCode(...d)) : calls.push([String.fromCharCode(...d)])),
    close: () => undefined,
    cork: () => void (pending = []),
    uncork: () => {
      if (pending?.length) calls.push(pending);
      pending = null;
    },
  };
  return s;
}
const ctx = {
  sessionId: 's',
  relationshipId: 'r',
  role: 'admin' as const,
  user: { id: 'u', name: 'U', color: '#000', companyId: 'c', companyName: 'C' },
};
const frame = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const tick = () => new Promise((r) => process.nextTick(r));

describe('Outbox', () => {
  it('holds a frame sent in order until every write before it is durable', async () => {
    const dropped: number[] = [];
    const out = new Outbox(1 << 20, (_c, code) => dropped.push(code));
    const sock = socket();
    const conn = new Connection(sock, ctx);
    let durable!: () => void;
    out.trackWrite(
      new Promise<void>((r) => (durable = r)),
      () => out.send(conn, frame('relay')),
      () => undefined,
    );
    out.sendInOrder(conn, frame('reply'));
    await tick();
    expect(sock.calls).toEqual([]);
    durable();
    await out.flush();
    await tick();
    expect(sock.calls.flat()).toEqual(['relay', 'reply']);
    expect(dropped).toEqual([]);
  });

  it('sends at once when nothing is pending, and frames of one callback leave in one write', async () => {
    const out = new Outbox(1 << 20, () => undefined);
    const sock = socket();
    const conn = new Connection(sock, ctx);
    out.sendInOrder(conn, frame('a'));
    out.send(conn, frame('b'));
    out.send(conn, frame('c'));
    await tick();
    expect(sock.calls).toEqual([['a', 'b', 'c']]);
  });

  it('closes a socket that stopped reading instead of buffering more', () => {
    const dropped: number[] = [];
    const out = new Outbox(1000, (_c, code) => dropped.push(code));
    const sock = socket(5000);
    out.send(new Connection(sock, ctx), frame('x'));
    expect(dropped).toEqual([CloseCode.RateLimited]);
    expect(sock.calls).toEqual([]);
  });

  it('runs the failure callback for a write that fails, and still releases what waits behind it', async () => {
    const out = new Outbox(1 << 20, () => undefined);
    const failures: unknown[] = [];
    out.trackWrite(
      Promise.reject(new Error('disk')),
      () => undefined,
      (err) => failures.push(err),
    );
    const ran: string[] = [];
    out.afterWrites(() => ran.push('after'));
    await out.flush();
    expect(failures).toHaveLength(1);
    expect(ran).toEqual(['after']);
  });
});
