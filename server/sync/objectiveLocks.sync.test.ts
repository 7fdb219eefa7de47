/**
 * Objective locks against a real server with the demo plan: Ada (Acme admin) locks a definition;
 * Cara (Globex admin, the other party) tries to change it or lift the lock, through a stock
 * y-websocket client and through hand-encoded frames. Every attempt is refused with 4403 and
 * nothing of it is stored or relayed; progress on the locked objective is still accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes.ts';
import {
  OBJECTIVE_LOCKS_KEY,
  addProgress,
  getMeta,
  lockObjective,
  readObjectiveLocks,
  readObjectives,
  readProgress,
  unlockObjective,
  updateObjective,
} from '../../shared/schema.ts';
import { connectClient, login, startServer, waitFor, type TestServer } from '../testing/harness.ts';
import { rawSocket } from '../testing/rawSocket.ts';
import { rawUpdate } from '../testing/rawUpdate.ts';

const ROOM = 'acme-globex';
const USERS = { ada: 'ada@acme.example', ben: 'ben@acme.example', cara: 'cara@globex.example' };
type Who = keyof typeof USERS;

let server: TestServer;
const cookies = {} as Record<Who, string>;
const me = {} as Record<Who, { id: string; companyId: string }>;
let objectiveId = '';

const serverDoc = async () => (await server.app.registry.get(ROOM)).doc;

/** The document as stored (after a flush), as a state vector and the objectives' JSON. */
async function stored() {
  await (await server.app.registry.get(ROOM)).flush();
  const doc = new Y.Doc();
  for (const r of await server.app.store.load(ROOM)) Y.applyUpdate(doc, r.data);
  return { sv: Y.encodeStateVector(doc), objectives: readObjectives(doc), locks: readObjectiveLocks(doc) };
}

beforeAll(async () => {
  server = await startServer({ SEED: 'demo' });
  for (const who of Object.keys(USERS) as Who[]) {
    cookies[who] = await login(server.url, USERS[who]);
    me[who] = await (await fetch(`${server.url}/api/me`, { headers: { cookie: cookies[who] } })).json();
  }
  const ada = connectClient(server.wsUrl, ROOM, { cookie: cookies.ada });
  await ada.synced();
  objectiveId = readObjectives(ada.doc)[0].id;
  lockObjective(ada.doc, objectiveId, me.ada.id, me.ada.companyId);
  await waitFor(async () => !!readObjectiveLocks(await serverDoc())[objectiveId], 5000, 'locked on the server');
  ada.destroy();
});

afterAll(async () => {
  await server?.destroy();
});

describe('a locked objective definition, live', () => {
  it('the lock records who, their company and when', async () => {
    const lock = readObjectiveLocks(await serverDoc())[objectiveId];
    expect(lock).toMatchObject({ by: me.ada.id, company: 'acme' });
    expect(Number.isNaN(Date.parse(lock.at))).toBe(false);
  });

  it('the other company’s admin, with a stock client, cannot edit it: refused, not stored, not relayed', async () => {
    const observer = await rawSocket(server.wsUrl, ROOM, cookies.ben);
    await observer.barrier();
    const before = await stored();
    const relayed = observer.relayed.length;
    const cara = connectClient(server.wsUrl, ROOM, { cookie: cookies.cara });
    await cara.synced();
    updateObjective(cara.doc, objectiveId, { title: 'Globex’s version' });
    await waitFor(() => cara.closes.some((c) => c.code === CloseCode.PermissionDenied), 5000, 'refused');
    expect(cara.denials[0]).toMatch(/^objectives: this objective is locked/);
    cara.destroy();
    await observer.barrier();
    expect(observer.relayed.length).toBe(relayed);
    expect(await stored()).toEqual(before);
    expect(readObjectives(await serverDoc())[0].title).toBe(before.objectives[0].title);
    observer.close();
  });

  it('the other company’s admin cannot unlock, with a stock client or a hand-encoded delete', async () => {
    const before = await stored();
    const cara = connectClient(server.wsUrl, ROOM, { cookie: cookies.cara });
    await cara.synced();
    unlockObjective(cara.doc, objectiveId);
    await waitFor(() => cara.closes.some((c) => c.code === CloseCode.PermissionDenied), 5000, 'refused');
    expect(cara.denials[0]).toMatch(/only an admin of the company that locked it/);
    cara.destroy();

    const raw = await rawSocket(server.wsUrl, ROOM, cookies.cara);
    const register = getMeta(raw.doc).get(OBJECTIVE_LOCKS_KEY) as Y.Map<unknown>;
    const lockItem = register._map.get(objectiveId)!;
    raw.sendUpdate(rawUpdate([], [[lockItem.id.client, lockItem.id.clock, 1]]));
    expect((await raw.closed).code).toBe(CloseCode.PermissionDenied);
    expect(raw.denials[0]).toMatch(/^meta: only an admin of the company that locked it/);
    expect(await stored()).toEqual(before);
  });

  it('a hand-encoded lock of Cara’s own written over Ada’s is refused', async () => {
    const before = await stored();
    const raw = await rawSocket(server.wsUrl, ROOM, cookies.cara);
    const register = getMeta(raw.doc).get(OBJECTIVE_LOCKS_KEY) as Y.Map<unknown>;
    const owner = register._item!.id;
    const lock = { by: me.cara.id, company: 'globex', at: new Date().toISOString() };
    raw.sendUpdate(
      rawUpdate([
        {
          client: 8_100_001,
          clock: 0,
          structs: [{ parent: [owner.client, owner.clock], sub: objectiveId, any: [lock] }],
        },
      ]),
    );
    expect((await raw.closed).code).toBe(CloseCode.PermissionDenied);
    expect(raw.denials[0]).toMatch(/^meta: only an admin of the company that locked it/);
    expect(await stored()).toEqual(before);
  });

  it('progress is still recorded on the locked objective, dated in the past', async () => {
    const ben = connectClient(server.wsUrl, ROOM, { cookie: cookies.ben });
    await ben.synced();
    addProgress(ben.doc, objectiveId, { value: 86, at: new Date().toISOString(), by: me.ben.id, asOf: '2026-01-15' });
    await waitFor(
      async () => readProgress(await serverDoc(), objectiveId).some((e) => e.asOf === '2026-01-15'),
      5000,
      'entry stored',
    );
    expect(ben.closes).toEqual([]);
    ben.destroy();
  });

  it('a progress entry dated in the future is refused live: not stored, not relayed', async () => {
    const observer = await rawSocket(server.wsUrl, ROOM, cookies.cara);
    await observer.barrier();
    const relayed = observer.relayed.length;
    const before = await stored();
    const ben = connectClient(server.wsUrl, ROOM, { cookie: cookies.ben });
    await ben.synced();
    addProgress(ben.doc, objectiveId, { value: 99, at: new Date().toISOString(), by: me.ben.id, asOf: '2999-01-01' });
    await waitFor(() => ben.closes.some((c) => c.code === CloseCode.PermissionDenied), 5000, 'refused');
    expect(ben.denials[0]).toMatch(/^progress: a progress entry cannot be dated in the future/);
    ben.destroy();
    await observer.barrier();
    expect(observer.relayed.length).toBe(relayed);
    expect(await stored()).toEqual(before);
    observer.close();
  });

  it('an admin of the locking company unlocks; the lift is accepted', async () => {
    const ada = connectClient(server.wsUrl, ROOM, { cookie: cookies.ada });
    await ada.synced();
    unlockObjective(ada.doc, objectiveId);
    await waitFor(async () => !readObjectiveLocks(await serverDoc())[objectiveId], 5000, 'unlocked');
    expect(ada.closes).toEqual([]);
    ada.destroy();
  });
});
