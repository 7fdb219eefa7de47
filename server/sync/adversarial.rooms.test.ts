/**
 * Hostile rooms through the real server (demo data, real LevelDB, hand-encoded frames on raw
 * sockets next to stock y-websocket clients): awareness floods, a store that fails a write once,
 * an update that breaks Yjs halfway through applying it, and a document nested 10,000 blocks
 * deep. Each case checks that the hostile socket is closed with the documented code, that a fresh
 * admin client sees the document and state vector as before, that `GET …/plan` answers the same,
 * and that an observer socket received nothing of it (checked after a positive barrier: a later
 * frame that must arrive, or the observer's own close, which comes after everything sent before).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { CloseCode, MessageType } from '../../shared/closeCodes.ts';
import { getVision } from '../../shared/schema.ts';
import { richJsonToPlain, snapshotPlan } from '../../shared/planSnapshot.ts';
import type { ClientIdClaim, DocStore } from '../storage/DocStore.ts';
import {
  connectClient,
  login,
  MIN_WAIT_MS,
  startServer,
  waitFor,
  type TestClient,
  type TestServer,
} from '../testing/harness.ts';
import { decodeAwarenessUpdate, encodeAwarenessEntries } from './protocol.ts';
import { MAX_AWARENESS_IDS_PER_CONNECTION } from './Room.ts';

const REL = 'acme-globex';
const USERS = {
  ada: 'ada@acme.example',
  ben: 'ben@acme.example',
  cara: 'cara@globex.example',
  dan: 'dan@globex.example',
  vic: 'vic@globex.example',
};
type Who = keyof typeof USERS;
/** Automatic versions off: these tests count on the versions they make. */
const QUIET_HISTORY = { historyTimings: { settleMs: 3_600_000, maxBurstMs: 3_600_000 } };

// ---------------------------------------------------------------------------------------------
// Raw sockets and frames
// ---------------------------------------------------------------------------------------------

/** A y-websocket socket driven by hand, recording every frame the server sends it. */
class RawSocket {
  readonly frames: Uint8Array[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.frames.push(new Uint8Array(data));
      for (const w of this.waiters.splice(0)) w();
    });
    ws.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  static async open(s: TestServer, cookie: string): Promise<RawSocket> {
    const ws = new WebSocket(`${s.wsUrl}/${REL}`, { headers: { cookie } });
    const raw = new RawSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    // The server opens with its sync step 1: the socket has joined the room.
    await raw.until(() => raw.frames.some((f) => f[0] === MessageType.Sync && f[1] === 0));
    return raw;
  }

  send(frame: Uint8Array): void {
    this.ws.send(frame);
  }

  /** Resolves once `check` holds for the frames received so far (a positive barrier). */
  async until(check: () => boolean, what = 'a frame'): Promise<void> {
    const deadline = Date.now() + MIN_WAIT_MS;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Awareness client ids of every awareness frame received. */
  awarenessIds(): number[] {
    const out: number[] = [];
    for (const f of this.frames) {
      const d = decoding.createDecoder(f);
      if (decoding.readVarUint(d) !== MessageType.Awareness) continue;
      for (const e of decodeAwarenessUpdate(decoding.readVarUint8Array(d))) out.push(e.clientID);
    }
    return out;
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close();
  }
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

const syncStep1 = (sv: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint8Array(e, sv);
  });

const updateFrame = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
  });

const awarenessFrame = (entries: Array<{ clientID: number; clock: number; state: unknown }>) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Awareness);
    encoding.writeVarUint8Array(
      e,
      encodeAwarenessEntries(entries.map((x) => ({ ...x, state: JSON.stringify(x.state) }))),
    );
  });

/** An update that deletes one item and carries no structs: 0 struct sections, then a delete set. */
function deleteUpdate(id: Y.ID): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, id.client);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, id.clock);
    encoding.writeVarUint(e, 1);
  });
}

/** Does any frame the socket received carry `text` (UTF-8, as Yjs and JSON both write it)? */
const carries = (raw: RawSocket, text: string) => raw.frames.some((f) => Buffer.from(f).includes(text));

// ---------------------------------------------------------------------------------------------
// What "unchanged" means
// ---------------------------------------------------------------------------------------------

interface View {
  stateVector: Uint8Array;
  plan: ReturnType<typeof snapshotPlan>;
}

async function freshAdminView(s: TestServer, cookie: string): Promise<View> {
  const c = connectClient(s.wsUrl, REL, { cookie });
  try {
    await c.synced();
    return { stateVector: Y.encodeStateVector(c.doc), plan: snapshotPlan(c.doc) };
  } finally {
    c.destroy();
  }
}

/** The live plan over REST, without the moment it was read. */
async function planOverRest(s: TestServer, cookie: string): Promise<unknown> {
  const res = await fetch(`${s.url}/api/relationships/${REL}/plan`, { headers: { cookie } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { at: string; plan: unknown };
  return body.plan;
}

/** What is in LevelDB for the plan, read with the store's own records. */
async function storedDoc(s: TestServer): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const records = await s.app.store.load(REL);
  if (records.length) Y.applyUpdate(doc, Y.mergeUpdates(records.map((r) => r.data)));
  return doc;
}

function typeParagraph(doc: Y.Doc, text: string): void {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  getVision(doc).push([p]);
}

/**
 * `levels` alternating bullet lists and list items under the vision, the innermost holding a
 * paragraph with `text`. Built one integrated level at a time: inserting a prepared deep tree
 * would make Yjs itself recurse once per level.
 */
function nestBlocks(doc: Y.Doc, levels: number, text: string): void {
  doc.transact(() => {
    let parent: Y.XmlFragment | Y.XmlElement = getVision(doc);
    for (let i = 0; i < levels; i++) {
      parent.insert(parent.length, [new Y.XmlElement(i % 2 === 0 ? 'bulletList' : 'listItem')]);
      parent = parent.get(parent.length - 1) as Y.XmlElement;
    }
    const p = new Y.XmlElement('paragraph');
    parent.insert(0, [p]);
    p.insert(0, [new Y.XmlText(text)]);
  });
}

// ---------------------------------------------------------------------------------------------
// A real store that fails one write
// ---------------------------------------------------------------------------------------------

/**
 * The app's LevelDB store with one fault injected on request: the next append for a document
 * fails, either as a rejected write (the disk refused the batch) or thrown at the call, and
 * nothing of that update reaches LevelDB. Every other call goes to the real store.
 */
class FailOnceDocStore implements DocStore {
  private armed: { docId: string; mode: 'reject' | 'throw' } | null = null;
  private readonly lastSeq = new Map<string, number>();
  failures = 0;

  constructor(private readonly inner: DocStore) {}

  failNextAppend(docId: string, mode: 'reject' | 'throw'): void {
    this.armed = { docId, mode };
  }

  append(
    docId: string,
    update: Uint8Array,
    claims?: readonly ClientIdClaim[],
  ): { seq: number; written: Promise<void> } {
    if (this.armed?.docId === docId) {
      const { mode } = this.armed;
      this.armed = null;
      this.failures++;
      const err = new Error('injected fault: the disk refused the write');
      if (mode === 'throw') throw err;
      return { seq: this.lastSeq.get(docId) ?? 0, written: Promise.reject(err) };
    }
    const result = this.inner.append(docId, update, claims);
    this.lastSeq.set(docId, result.seq);
    return result;
  }

  load(docId: string) {
    return this.inner.load(docId);
  }
  clientIds(docId: string) {
    return this.inner.clientIds(docId);
  }
  quarantined(docId: string) {
    return this.inner.quarantined(docId);
  }
  compact(docId: string, state: Uint8Array, uptoSeq: number) {
    return this.inner.compact(docId, state, uptoSeq);
  }
  quarantine(docId: string, seq: number, reason: string) {
    return this.inner.quarantine(docId, seq, reason);
  }
  stats(docId: string) {
    return this.inner.stats(docId);
  }
  exists(docId: string) {
    return this.inner.exists(docId);
  }
  listDocs() {
    return this.inner.listDocs();
  }
  close() {
    return this.inner.close();
  }
}

// ---------------------------------------------------------------------------------------------

const clients: TestClient[] = [];
const raws: RawSocket[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const r of raws.splice(0)) r.close();
});

async function signIn(s: TestServer): Promise<Record<Who, string>> {
  const cookies = {} as Record<Who, string>;
  for (const who of Object.keys(USERS) as Who[]) cookies[who] = await login(s.url, USERS[who]);
  return cookies;
}

async function stock(s: TestServer, cookie: string): Promise<TestClient> {
  const c = connectClient(s.wsUrl, REL, { cookie });
  clients.push(c);
  await c.synced();
  return c;
}

async function raw(s: TestServer, cookie: string): Promise<RawSocket> {
  const r = await RawSocket.open(s, cookie);
  raws.push(r);
  return r;
}

describe('awareness limits', () => {
  let s: TestServer;
  let cookies: Record<Who, string>;
  beforeAll(async () => {
    s = await startServer({ SEED: 'demo' }, QUIET_HISTORY);
    cookies = await signIn(s);
  });
  afterAll(() => s?.destroy());

  /** Sends `attack` from `attacker`, expects `code`, and checks nothing of it got anywhere. */
  async function expectRefused(attacker: Who, attack: Uint8Array, code: number, attackIds: (id: number) => boolean) {
    const before = await freshAdminView(s, cookies.ada);
    const planBefore = await planOverRest(s, cookies.ada);
    const observer = await raw(s, cookies.cara);
    const hostile = await raw(s, cookies[attacker]);

    hostile.send(attack);
    expect((await hostile.closed).code).toBe(code);

    // Barrier: a later awareness change by Ben must reach the observer; anything of the attack
    // would have been merged into the same turn's frame or sent before it.
    const ben = await stock(s, cookies.ben);
    ben.provider.awareness.setLocalStateField('section', 'vision');
    const benId = ben.doc.clientID;
    await observer.until(() => observer.awarenessIds().includes(benId), "Ben's awareness");
    expect(observer.awarenessIds().filter(attackIds)).toEqual([]);

    // A joiner is not sent any of it either, and presence lists nobody new.
    const joiner = await raw(s, cookies.dan);
    joiner.send(Uint8Array.of(MessageType.QueryAwareness));
    await joiner.until(() => joiner.awarenessIds().includes(benId), 'the awareness reply');
    expect(joiner.awarenessIds().filter(attackIds)).toEqual([]);
    const presence = (await (
      await fetch(`${s.url}/api/relationships/${REL}/presence`, { headers: { cookie: cookies.ada } })
    ).json()) as Array<{ id: string }>;
    expect(presence.map((p) => p.id)).toContain('u_ben');
    expect(presence.map((p) => p.id)).not.toContain(`u_${attacker}`);

    const after = await freshAdminView(s, cookies.ada);
    expect(after.stateVector).toEqual(before.stateVector);
    expect(after.plan).toEqual(before.plan);
    expect(await planOverRest(s, cookies.ada)).toEqual(planBefore);
    expect(observer.frames.filter((f) => f[0] === MessageType.Sync && f[1] === 2)).toEqual([]);
  }

  it('a viewer introducing 10,000 awareness client ids in one frame is closed 1008; nothing is kept or relayed', async () => {
    const flood = Array.from({ length: 10_000 }, (_, i) => ({
      clientID: 5_000_000 + i,
      clock: 1,
      state: { cursor: i },
    }));
    await expectRefused(
      'vic',
      awarenessFrame(flood),
      CloseCode.PolicyViolation,
      (id) => id >= 5_000_000 && id < 5_010_000,
    );
  });

  it(`ids past ${MAX_AWARENESS_IDS_PER_CONNECTION} from one connection, over several frames, close it 1008 with the last frame refused`, async () => {
    const before = await freshAdminView(s, cookies.ada);
    const planBefore = await planOverRest(s, cookies.ada);
    const observer = await raw(s, cookies.cara);
    const attacker = await raw(s, cookies.dan);
    const ids = Array.from({ length: MAX_AWARENESS_IDS_PER_CONNECTION + 1 }, (_, i) => 6_000_000 + i);
    for (const id of ids.slice(0, -1)) attacker.send(awarenessFrame([{ clientID: id, clock: 1, state: { n: id } }]));
    await observer.until(
      () => ids.slice(0, -1).every((id) => observer.awarenessIds().includes(id)),
      'the allowed states',
    );
    attacker.send(awarenessFrame([{ clientID: ids.at(-1)!, clock: 1, state: { n: 'one too many' } }]));
    expect((await attacker.closed).code).toBe(CloseCode.PolicyViolation);
    // Its close removes the states it owned, for everyone: that removal is the barrier.
    await observer.until(
      () => observer.awarenessIds().filter((id) => id === ids[0]).length >= 2,
      'the removal of its states',
    );
    expect(observer.awarenessIds()).not.toContain(ids.at(-1));
    expect(carries(observer, 'one too many')).toBe(false);
    const after = await freshAdminView(s, cookies.ada);
    expect(after.stateVector).toEqual(before.stateVector);
    expect(after.plan).toEqual(before.plan);
    expect(await planOverRest(s, cookies.ada)).toEqual(planBefore);
  });

  it('a state over 4 KiB in UTF-8 (but under 4,096 UTF-16 units) is refused with 1008', async () => {
    // 1,400 euro signs: 1,400 UTF-16 units, 4,200 bytes.
    await expectRefused(
      'dan',
      awarenessFrame([{ clientID: 7_000_000, clock: 1, state: { note: '€'.repeat(1400) } }]),
      CloseCode.PolicyViolation,
      (id) => id === 7_000_000,
    );
  });
});

describe('a store write that fails once', () => {
  let s: TestServer;
  let cookies: Record<Who, string>;
  let faulty: FailOnceDocStore;
  beforeAll(async () => {
    s = await startServer(
      { SEED: 'demo' },
      { ...QUIET_HISTORY, wrapDocStore: (real) => (faulty = new FailOnceDocStore(real)) },
    );
    cookies = await signIn(s);
  });
  afterAll(() => s?.destroy());

  it.each(['reject', 'throw'] as const)(
    'write %s: the room reloads (1011), no acknowledged edit is lost, no unstored edit is served, and the edit comes back',
    async (mode) => {
      const ada = await stock(s, cookies.ada);
      const ben = await stock(s, cookies.ben);
      const observer = await raw(s, cookies.cara);
      const acked = `acked before the ${mode} fault`;
      const lost = `written during the ${mode} fault`;

      // An acknowledged edit: Ben has received it, so it is in LevelDB.
      typeParagraph(ada.doc, acked);
      await waitFor(() => Buffer.from(Y.encodeStateAsUpdate(ben.doc)).includes(acked), 5_000, 'the edit to reach Ben');
      const before = await freshAdminView(s, cookies.ada);
      const planBefore = await planOverRest(s, cookies.ada);
      const roomBefore = await s.app.registry.get(REL);

      // Ben keeps his edit but does not send it again until the test says so.
      ben.provider.on('connection-close', () => {
        ben.provider.shouldConnect = false;
      });
      faulty.failNextAppend(REL, mode);
      typeParagraph(ben.doc, lost);

      expect((await observer.closed).code).toBe(CloseCode.DocumentReloaded);
      await waitFor(() => ben.closes.length > 0 && ada.closes.length > 0, 5_000, 'every socket to close');
      expect(ben.closes[0].code).toBe(CloseCode.DocumentReloaded);
      expect(ada.closes[0].code).toBe(CloseCode.DocumentReloaded);
      expect(faulty.failures).toBeGreaterThan(0);
      // The observer's close came after everything sent to it before: nothing of the edit.
      expect(carries(observer, lost)).toBe(false);
      expect(roomBefore.ended).toBe(true);

      // A joiner's sync reply comes from a fresh load: the store's content, without the edit.
      const joiner = await raw(s, cookies.cara);
      joiner.send(syncStep1(new Uint8Array([0])));
      await joiner.until(() => joiner.frames.some((f) => f[0] === MessageType.Sync && f[1] === 1), 'the sync reply');
      expect(carries(joiner, lost)).toBe(false);
      expect(carries(joiner, acked)).toBe(true);
      expect(await s.app.registry.get(REL)).not.toBe(roomBefore);
      const after = await freshAdminView(s, cookies.ada);
      expect(after.stateVector).toEqual(before.stateVector);
      expect(after.plan).toEqual(before.plan);
      expect(await planOverRest(s, cookies.ada)).toEqual(planBefore);
      const stored = await storedDoc(s);
      expect(Y.encodeStateVector(stored)).toEqual(before.stateVector);
      stored.destroy();

      // Ben reconnects: his sync step 2 carries the edit again; now it is stored and relayed.
      ben.provider.shouldConnect = true;
      ben.provider.connect();
      await waitFor(
        () => Buffer.from(Y.encodeStateAsUpdate(ada.doc)).includes(lost),
        10_000,
        'the edit to reach Ada after the reload',
      );
      await joiner.until(() => carries(joiner, lost), 'the edit to reach the joiner');
      const healed = await storedDoc(s);
      expect(richJsonToPlain(snapshotPlan(healed).vision)).toContain(lost);
      expect(richJsonToPlain(snapshotPlan(healed).vision)).toContain(acked);
      healed.destroy();
    },
  );
});

describe('a document nested 10,000 blocks deep', () => {
  let s: TestServer;
  let cookies: Record<Who, string>;
  const api = async (path: string, cookie: string, method = 'GET', body?: unknown) => {
    const res = await fetch(`${s.url}/api/relationships/${REL}${path}`, {
      method,
      headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text) };
  };

  beforeAll(async () => {
    s = await startServer({ SEED: 'demo' }, QUIET_HISTORY);
    cookies = await signIn(s);
    // Built on the server and stored through the room's own persist path, as if a client had
    // managed to write it before the inspector limited depth.
    await s.app.registry.withDocument(REL, (doc) => nestBlocks(doc, 10_000, 'the bottom of the well'));
    await s.app.registry.withDocument(REL, (doc) => typeParagraph(doc, 'a line after the well'));
  });
  afterAll(() => s?.destroy());

  it('the plan, its export, versions, diff and agreement all answer 200 with the deep text', async () => {
    const plan = await api('/plan', cookies.vic);
    expect(plan.status).toBe(200);
    expect(plan.json().plan.text.vision).toContain('the bottom of the well\na line after the well');

    const md = await api('/export.md', cookies.vic);
    expect(md.status).toBe(200);
    expect(md.text).toContain('the bottom of the well');

    const named = await api('/versions', cookies.ada, 'POST', { name: 'The well' });
    expect(named.status).toBe(201);
    const versionId = named.json().id as string;
    const versions = (await api('/versions', cookies.ada)).json() as Array<{ id: string }>;
    const first = versions.at(-1)!.id === versionId ? versions[0].id : versions.at(-1)!.id;

    expect((await api(`/versions/${versionId}`, cookies.vic)).status).toBe(200);
    expect((await api(`/versions/${versionId}/export.md`, cookies.vic)).status).toBe(200);
    const diff = await api(`/versions/${first}/diff`, cookies.vic);
    expect(diff.status).toBe(200);
    expect(diff.json().changedSections).toContain('vision');
    expect((await api(`/versions/${first}/diff?against=${versionId}`, cookies.vic)).status).toBe(200);

    for (const who of ['ada', 'cara'] as const)
      expect((await api(`/versions/${versionId}/sign`, cookies[who], 'POST', {})).status).toBe(200);
    const agreement = await api('/agreement', cookies.vic);
    expect(agreement.status).toBe(200);
    expect(agreement.json()).toMatchObject({ agreed: true, changedSinceAgreement: false });
  });

  it('restoring a version over it is refused (409) before anything changes, and the room carries on', async () => {
    const versions = (await api('/versions', cookies.ada)).json() as Array<{ id: string; name: string | null }>;
    const shallow = versions.find((v) => v.name !== 'The well')!;
    const before = await freshAdminView(s, cookies.ada);
    const planBefore = await planOverRest(s, cookies.ada);
    const observer = await raw(s, cookies.cara);

    const restore = await api(`/versions/${shallow.id}/restore`, cookies.ada, 'POST', {});
    expect(restore.status).toBe(409);
    expect(restore.json()).toMatchObject({ error: 'conflict' });
    expect(restore.json().message).toMatch(/vision.*nothing was changed/);

    // The room was not disturbed: a sync reply is the barrier, and no update came before it.
    observer.send(syncStep1(new Uint8Array([0])));
    await observer.until(() => observer.frames.some((f) => f[0] === MessageType.Sync && f[1] === 1), 'the sync reply');
    expect(observer.frames.filter((f) => f[0] === MessageType.Sync && f[1] === 2)).toEqual([]);
    const after = await freshAdminView(s, cookies.ada);
    expect(after.stateVector).toEqual(before.stateVector);
    expect(after.plan).toEqual(before.plan);
    expect(await planOverRest(s, cookies.ada)).toEqual(planBefore);
  });

  it('stock clients sync it, and a fresh load from LevelDB serves it', async () => {
    const c = await stock(s, cookies.ben);
    expect(richJsonToPlain(snapshotPlan(c.doc).vision)).toContain('the bottom of the well');
    const stored = await storedDoc(s);
    expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(c.doc));
    stored.destroy();
  });

  /**
   * What happens to such a document already in a store: it loads, syncs and reads (above), but
   * deleting the deep block overflows Yjs's own recursive delete inside `Y.applyUpdate` after it
   * has emptied part of the live doc. The room ends: the sender is reset (1007; 4403 where the
   * inspector refuses the delete before applying it), everyone else reconnects (1011) to a fresh
   * load, and nothing of the delete is stored or relayed. The block stays until an operator
   * removes it offline.
   */
  it('deleting the deep block fails inside Yjs: the room reloads from the store and nothing changes', async () => {
    const before = await freshAdminView(s, cookies.ada);
    const planBefore = await planOverRest(s, cookies.ada);
    const observer = await raw(s, cookies.cara);
    const admin = await raw(s, cookies.ada);
    const room = await s.app.registry.get(REL);
    const deepBlock = getVision(room.doc).get(getVision(room.doc).length - 2) as Y.XmlElement;
    const id = (deepBlock as unknown as { _item: { id: Y.ID } })._item.id;

    admin.send(updateFrame(deleteUpdate(id)));
    const { code } = await admin.closed;
    expect([CloseCode.MalformedMessage, CloseCode.PermissionDenied]).toContain(code);
    if (code === CloseCode.MalformedMessage) {
      expect((await observer.closed).code).toBe(CloseCode.DocumentReloaded);
      expect(room.ended).toBe(true);
    } else {
      // Refused before applying: the room carries on, and a sync reply is the barrier.
      observer.send(syncStep1(new Uint8Array([0])));
      await observer.until(
        () => observer.frames.filter((f) => f[0] === MessageType.Sync && f[1] === 1).length >= 1,
        'the sync reply',
      );
    }
    // No update frame other than sync replies reached the observer.
    expect(observer.frames.filter((f) => f[0] === MessageType.Sync && f[1] === 2)).toEqual([]);

    const after = await freshAdminView(s, cookies.ada);
    expect(after.stateVector).toEqual(before.stateVector);
    expect(after.plan).toEqual(before.plan);
    expect(richJsonToPlain(after.plan.vision)).toContain('the bottom of the well');
    expect(await planOverRest(s, cookies.ada)).toEqual(planBefore);
  });
});
