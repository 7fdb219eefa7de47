/**
 * The sync server end to end: a real Fastify server on port 0, real LevelDB in a temp dir and
 * stock y-websocket providers in Node. Authorization is the allow-all stub here; the accounts
 * and permission tests cover who may do what.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { allowAll, connectClient, startServer, waitFor, type TestClient, type TestServer } from '../testing/harness.ts';
import {
  addObjective,
  buildInitialPlan,
  getVision,
  readObjectives,
  richTextToPlain,
  updateObjective,
} from '../../shared/schema.ts';
import { CloseCode } from '../../shared/closeCodes.ts';
import { TEST_STORAGE } from '../testing/storage.ts';

const servers: TestServer[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.destroy();
});

async function server(overrides = {}) {
  const s = await startServer(overrides, { authorizeSync: allowAll });
  servers.push(s);
  return s;
}

function client(s: TestServer, room = 'plan') {
  const c = connectClient(s.wsUrl, room);
  clients.push(c);
  return c;
}

const plan = {
  title: 'Test plan',
  vision: ['We grow together.'],
  objectives: [],
  principles: ['Be open'],
  behaviours: ['Answer within a day'],
  accountPlanProject: { name: 'Account Plan Project', description: '', createdBy: 'u_test' },
};

function typeInto(doc: Y.Doc, text: string) {
  const frag = getVision(doc);
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  frag.push([p]);
}

function stateOf(doc: Y.Doc) {
  return { vision: richTextToPlain(getVision(doc)), objectives: readObjectives(doc) };
}

async function converge(cs: TestClient[]) {
  await waitFor(
    () => {
      const first = JSON.stringify(stateOf(cs[0].doc));
      return cs.every((c) => JSON.stringify(stateOf(c.doc)) === first);
    },
    15_000,
    'clients to converge',
  );
}

describe('sync server', () => {
  it('answers health', async () => {
    const s = await server();
    const res = await fetch(`${s.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, storage: TEST_STORAGE });
  });

  for (const n of [2, 20]) {
    it(`${n} clients editing vision and objectives concurrently converge, equal to a fresh load`, async () => {
      const s = await server();
      await s.app.registry.createDocument('plan', (doc) => buildInitialPlan(doc, plan));
      const cs = Array.from({ length: n }, () => client(s));
      await Promise.all(cs.map((c) => c.synced()));
      const objId =
        readObjectives(cs[0].doc)[0]?.id ??
        addObjective(cs[0].doc, {
          title: 'Shared',
          description: '',
          catalogId: null,
          dueDate: null,
          measure: { unit: '%', baseline: 0, target: 100, direction: 'increase' },
        });
      await waitFor(() => cs.every((c) => readObjectives(c.doc).length === 1), 10_000, 'objective everywhere');
      cs.forEach((c, i) => {
        for (let k = 0; k < 5; k++) typeInto(c.doc, `client ${i} line ${k}`);
        updateObjective(c.doc, objId, { description: `edited by ${i}` });
        addObjective(c.doc, {
          title: `Objective of ${i}`,
          description: '',
          catalogId: null,
          dueDate: null,
          measure: { unit: 'days', baseline: 10, target: 5, direction: 'decrease' },
        });
      });
      await converge(cs);
      expect(readObjectives(cs[0].doc)).toHaveLength(n + 1);
      for (let i = 0; i < n; i++) expect(richTextToPlain(getVision(cs[0].doc))).toContain(`client ${i} line 4`);
      // A fresh client loads exactly the converged state.
      const fresh = client(s);
      await fresh.synced();
      expect(stateOf(fresh.doc)).toEqual(stateOf(cs[0].doc));
    });
  }

  it('merges edits a client made while offline', async () => {
    const s = await server();
    await s.app.registry.createDocument('plan', (doc) => buildInitialPlan(doc, plan));
    const a = client(s);
    const b = client(s);
    await Promise.all([a.synced(), b.synced()]);
    b.provider.disconnect();
    typeInto(b.doc, 'written offline');
    typeInto(a.doc, 'written online');
    await waitFor(() => richTextToPlain(getVision(a.doc)).includes('written online'));
    b.provider.connect();
    await converge([a, b]);
    const text = richTextToPlain(getVision(a.doc));
    expect(text).toContain('written offline');
    expect(text).toContain('written online');
  });

  it('compacts a document written as 10,000 small updates and loads it identically', async () => {
    const s = await server({
      COMPACT_AFTER_UPDATES: 1_000_000,
      COMPACT_AFTER_BYTES: 1_000_000_000,
      IDLE_UNLOAD_MS: 50,
    });
    const c = client(s);
    await c.synced();
    const text = new Y.XmlText();
    c.doc.transact(() => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [text]);
      getVision(c.doc).push([p]);
    });
    for (let i = 0; i < 10_000; i++) text.insert(text.length, String(i % 10));
    const expected = richTextToPlain(getVision(c.doc));
    await waitFor(async () => (await s.app.store.stats('plan')).records >= 10_000, 30_000, 'all updates stored');
    const before = (await s.app.store.stats('plan')).records;
    c.destroy();
    clients.splice(clients.indexOf(c), 1);
    // Unload after idle compacts the log into one snapshot.
    await waitFor(() => !s.app.registry.isLoaded('plan'), 10_000, 'unload');
    const after = (await s.app.store.stats('plan')).records;
    expect(before).toBeGreaterThanOrEqual(10_000);
    expect(after).toBe(1);
    const fresh = client(s);
    await fresh.synced();
    expect(richTextToPlain(getVision(fresh.doc))).toBe(expected);
  });

  it('compacts while live once the log passes the threshold', async () => {
    const s = await server({ COMPACT_AFTER_UPDATES: 100 });
    const c = client(s);
    await c.synced();
    for (let i = 0; i < 450; i++) typeInto(c.doc, `line ${i}`);
    await waitFor(async () => (await s.app.store.stats('plan')).records < 120, 10_000, 'live compaction');
    const fresh = client(s);
    await fresh.synced();
    expect(richTextToPlain(getVision(fresh.doc))).toBe(richTextToPlain(getVision(c.doc)));
  });
});

describe('bad input', () => {
  function rawSocket(s: TestServer, room = 'plan') {
    const ws = new WebSocket(`${s.wsUrl}/${room}`);
    const closed = new Promise<{ code: number }>((resolve) => ws.on('close', (code) => resolve({ code })));
    const opened = new Promise<void>((resolve) => ws.on('open', () => resolve()));
    return { ws, closed, opened };
  }

  function syncUpdateFrame(payload: Uint8Array, syncType = 2) {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, syncType);
    encoding.writeVarUint8Array(e, payload);
    return encoding.toUint8Array(e);
  }

  const validUpdate = (() => {
    const d = new Y.Doc();
    typeInto(d, 'an honest edit that is long enough to truncate');
    return Y.encodeStateAsUpdate(d);
  })();

  const cases: Array<[string, Uint8Array, number]> = [
    ['random bytes', Uint8Array.from({ length: 64 }, (_, i) => (i * 97 + 13) % 256), CloseCode.MalformedMessage],
    [
      'a truncated update',
      syncUpdateFrame(validUpdate.subarray(0, validUpdate.length - 9)),
      CloseCode.MalformedMessage,
    ],
    ['an unknown message type', Uint8Array.from([7, 1, 2, 3]), CloseCode.MalformedMessage],
    ['an unknown sync type', syncUpdateFrame(validUpdate, 9), CloseCode.MalformedMessage],
    [
      'a huge varint',
      Uint8Array.from([0, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
      CloseCode.MalformedMessage,
    ],
    ['an oversized message', new Uint8Array(4096 + 1), CloseCode.MessageTooBig],
  ];

  for (const [name, frame, code] of cases) {
    it(`${name} closes only its own socket with ${code} and changes nothing`, async () => {
      const s = await server({ MAX_MESSAGE_BYTES: 4096 });
      const honest = client(s);
      await honest.synced();
      typeInto(honest.doc, 'before');
      await waitFor(async () => (await s.app.store.stats('plan')).records >= 1);
      const stored = await s.app.store.stats('plan');
      const serverState = Y.encodeStateAsUpdate((await s.app.registry.get('plan')).doc);

      const bad = rawSocket(s);
      await bad.opened;
      bad.ws.send(frame);
      expect((await bad.closed).code).toBe(code);

      expect(Y.encodeStateAsUpdate((await s.app.registry.get('plan')).doc)).toEqual(serverState);
      expect(await s.app.store.stats('plan')).toEqual(stored);
      // The honest client is still connected and still converges with a newcomer.
      typeInto(honest.doc, 'after');
      const other = client(s);
      await other.synced();
      await waitFor(() => richTextToPlain(getVision(other.doc)).includes('after'));
      expect(honest.provider.wsconnected).toBe(true);
      expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
    });
  }
});
