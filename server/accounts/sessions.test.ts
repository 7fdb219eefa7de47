import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Level } from 'level';
import { CloseCode } from '../../shared/closeCodes.ts';
import { SessionService, sessionKey } from './sessions.ts';
import { LevelAccountStore } from './LevelAccountStore.ts';
import { MapDocuments } from './testing.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(idleMs: number) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'charter-sessions-'));
  const db = new Level<string, unknown>(dir, { keyEncoding: 'utf8', valueEncoding: 'json' });
  cleanups.push(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });
  const store = new LevelAccountStore(db);
  await store.putUser({
    id: 'u_a',
    email: 'a@x.example',
    name: 'A',
    companyId: 'c',
    companyRole: 'member',
    password: 'x',
  });
  const docs = new MapDocuments();
  let now = 1_000_000;
  const sessions = new SessionService(store, docs, { idleMs, now: () => now });
  return { store, docs, sessions, advance: (ms: number) => (now += ms) };
}

const ctxFor = (sessionId: string) => ({
  sessionId,
  relationshipId: 'r',
  role: 'member' as const,
  user: { id: 'u_a', name: 'A', color: '#1d4ed8', companyId: 'c', companyName: 'C' },
});

describe('SessionService', () => {
  it('stores only the token hash', async () => {
    const { store, sessions } = await setup(60_000);
    const { token, session } = await sessions.create('u_a');
    expect(session.id).toBe(sessionKey(token));
    expect(session.id).not.toContain(token);
    expect(await store.getSession(token)).toBeUndefined();
    expect((await sessions.resolve(token))?.user.id).toBe('u_a');
  });

  it('the sweeper deletes expired sessions and closes their sockets with 4401, leaving live ones', async () => {
    const { docs, sessions, advance } = await setup(60_000);
    const old = await sessions.create('u_a');
    advance(30_000);
    const fresh = await sessions.create('u_a');
    const oldSocket = docs.open(ctxFor(old.session.id));
    const freshSocket = docs.open(ctxFor(fresh.session.id));
    advance(40_000);
    expect(await sessions.sweep()).toBe(1);
    expect(oldSocket.closed).toEqual({ code: CloseCode.SessionEnded, reason: 'session expired' });
    expect(freshSocket.closed).toBeNull();
    expect(await sessions.resolve(old.token)).toBeNull();
    expect(await sessions.resolve(fresh.token)).not.toBeNull();
  });

  it('a session whose user no longer exists stops working', async () => {
    const { sessions } = await setup(60_000);
    const { token } = await sessions.create('u_gone');
    expect(await sessions.resolve(token)).toBeNull();
    expect(await sessions.resolve(undefined)).toBeNull();
    expect(await sessions.resolve('x'.repeat(500))).toBeNull();
  });
});
