/**
 * The room's awareness rules in isolation (real Room, in-memory store, recording sockets):
 * stamping, ownership of client ids, and the near-free cost of echoed states; and its output:
 * awareness merged per event-loop turn and ordered behind pending writes, frames corked per
 * callback.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DocStore } from '../storage/DocStore.ts';
import { MemoryDocStore } from '../storage/MemoryDocStore.ts';
import {
  Connection,
  ECHO_COST,
  MAX_AWARENESS_IDS_PER_CONNECTION,
  MAX_AWARENESS_STATE_BYTES,
  Room,
  type SyncSocket,
} from './Room.ts';
import { CloseCode } from '../../shared/closeCodes.ts';
import { encodeAwarenessEntries } from './protocol.ts';
import type { ConnectionContext } from './types.ts';

const silent = { warn() {}, error() {} };

function ctx(id: string): ConnectionContext {
  return {
    sessionId: id,
    relationshipId: 'r',
    role: 'member',
    user: { id, name: `User ${id}`, color: '#123456', companyId: 'c', companyName: 'Co' },
  };
}

type RecordingSocket = SyncSocket & {
  frames: Uint8Array[];
  closed: number | null;
  corks: number;
  writes: Uint8Array[][];
};

/** Records frames, and which frames left together (between a cork and its uncork). */
function socket(): RecordingSocket {
  let pending: Uint8Array[] | null = null;
  return {
    frames: [],
    closed: null,
    bufferedAmount: 0,
    corks: 0,
    writes: [],
    send(d) {
      this.frames.push(d);
      if (pending) pending.push(d);
      else this.writes.push([d]);
    },
    close(code) {
      this.closed = code;
    },
    cork() {
      this.corks++;
      pending = [];
    },
    uncork() {
      if (pending?.length) this.writes.push(pending);
      pending = null;
    },
  };
}

/** The awareness entries of a frame the server sent ([] for other messages). */
function awarenessIn(frame: Uint8Array): Array<{ clientID: number; clock: number; state: unknown }> {
  const d = decoding.createDecoder(frame);
  if (decoding.readVarUint(d) !== 1) return [];
  const u = decoding.createDecoder(decoding.readVarUint8Array(d));
  const out = [];
  for (let n = decoding.readVarUint(u); n > 0; n--) {
    out.push({
      clientID: decoding.readVarUint(u),
      clock: decoding.readVarUint(u),
      state: JSON.parse(decoding.readVarString(u)),
    });
  }
  return out;
}

const messageType = (frame: Uint8Array) => decoding.readVarUint(decoding.createDecoder(frame));

function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** A one-character edit made by a separate client document. */
function edit(text: string): Uint8Array {
  const d = new Y.Doc();
  d.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(d);
}

function awarenessFrame(clientID: number, clock: number, state: object | null) {
  return awarenessFrameOf([{ clientID, clock, state }]);
}

function awarenessFrameOf(entries: Array<{ clientID: number; clock: number; state: object | null }>) {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(
    e,
    encodeAwarenessEntries(entries.map((x) => ({ ...x, state: JSON.stringify(x.state) }))),
  );
  return encoding.toUint8Array(e);
}

async function room(store: DocStore = new MemoryDocStore(), onEnd?: (r: Room) => void) {
  await store.load('r');
  return new Room(
    'r',
    new Y.Doc(),
    store,
    {
      guard: () => ({ ok: true }),
      compactAfterUpdates: 1000,
      compactAfterBytes: 1e9,
      maxBufferedBytes: 1e9,
      log: silent,
      onEnd,
    },
    { lastSeq: 0, logRecords: 0, logBytes: 0 },
  );
}

describe('Room awareness', () => {
  it('stamps the real identity, keeps ownership, and charges echoes almost nothing', async () => {
    const r = await room();
    const a = new Connection(socket(), ctx('a'));
    const b = new Connection(socket(), ctx('b'));
    r.join(a);
    r.join(b);

    expect(r.receive(a, awarenessFrame(101, 1, { user: { name: 'Impostor' }, cursor: 5 }))).toBe(1);
    expect(r.awareness.getStates().get(101)).toEqual({ cursor: 5, user: ctx('a').user });

    // B re-broadcasting A's state (what stock providers do) is an echo: ignored and nearly free.
    expect(r.receive(b, awarenessFrame(101, 2, { cursor: 9 }))).toBe(ECHO_COST);
    expect(r.awareness.getStates().get(101)).toEqual({ cursor: 5, user: ctx('a').user });

    // B cannot remove A's state either; when A leaves, its states go for everyone.
    r.receive(b, awarenessFrame(101, 3, null));
    expect(r.awareness.getStates().has(101)).toBe(true);
    r.leave(a);
    expect(r.awareness.getStates().has(101)).toBe(false);
  });

  it('refuses a state larger than 4 KiB, closing the socket', async () => {
    const r = await room();
    const a = new Connection(socket(), ctx('a'));
    r.join(a);
    r.receive(a, awarenessFrame(7, 1, { blob: 'x'.repeat(5000) }));
    expect(r.awareness.getStates().has(7)).toBe(false);
    expect((a.socket as RecordingSocket).closed).toBe(CloseCode.PolicyViolation);
  });

  it('counts the 4 KiB in UTF-8 bytes, not UTF-16 units', async () => {
    const r = await room();
    const a = new Connection(socket(), ctx('a'));
    r.join(a);
    // 1,000 euro signs (3,000 bytes, plus the stamped identity) fit.
    r.receive(a, awarenessFrame(7, 1, { note: '€'.repeat(1000) }));
    const kept = JSON.stringify(r.awareness.getStates().get(7));
    expect(Buffer.byteLength(kept)).toBeLessThanOrEqual(MAX_AWARENESS_STATE_BYTES);
    expect(kept).toContain('€'.repeat(1000));
    // 1,400 of them: 1,400 UTF-16 units but 4,200 bytes on the wire.
    r.receive(a, awarenessFrame(7, 2, { note: '€'.repeat(1400) }));
    expect((a.socket as RecordingSocket).closed).toBe(CloseCode.PolicyViolation);
    expect(r.awareness.getStates().has(7)).toBe(false);
  });

  it('closes a socket that introduces too many client ids, keeping nothing of that frame', async () => {
    const r = await room();
    const a = new Connection(socket(), ctx('a'));
    const b = new Connection(socket(), ctx('b'));
    r.join(a);
    r.join(b);
    for (let id = 1; id <= MAX_AWARENESS_IDS_PER_CONNECTION; id++) r.receive(a, awarenessFrame(id, 1, { n: id }));
    expect((a.socket as RecordingSocket).closed).toBe(null);
    expect(a.awarenessIds.size).toBe(MAX_AWARENESS_IDS_PER_CONNECTION);

    // One more id, in a frame that also updates an id A owns: the whole frame is refused.
    r.receive(
      a,
      awarenessFrameOf([
        { clientID: 1, clock: 2, state: { n: 'changed' } },
        { clientID: 99, clock: 1, state: { n: 99 } },
      ]),
    );
    expect((a.socket as RecordingSocket).closed).toBe(CloseCode.PolicyViolation);
    expect(r.awareness.getStates().has(99)).toBe(false);
    // A's states went with its socket, as on any close.
    expect([...r.awareness.getStates().keys()]).toEqual([]);

    // 10,000 ids in one frame: refused before any of them is looked at as JSON or applied.
    const flood = Array.from({ length: 10_000 }, (_, i) => ({ clientID: 1000 + i, clock: 1, state: { i } }));
    r.receive(b, awarenessFrameOf(flood));
    expect((b.socket as RecordingSocket).closed).toBe(CloseCode.PolicyViolation);
    expect(r.awareness.getStates().size).toBe(0);
    expect([...r.awareness.meta.keys()].filter((id) => id >= 1000 && id < 11_000)).toEqual([]);
  });

  it("does not count echoes of departed people's states or removals as introduced ids", async () => {
    const r = await room();
    const b = new Connection(socket(), ctx('b'));
    r.join(b);
    r.receive(b, awarenessFrame(500, 1, { mine: true }));
    // Ten people come, set a state, and leave; B's stock provider echoes each state and each
    // removal back, sometimes after the person left.
    for (let id = 1; id <= 10; id++) {
      const x = new Connection(socket(), ctx(`x${id}`));
      r.join(x);
      r.receive(x, awarenessFrame(id, 3, { cursor: id }));
      r.leave(x);
      expect(r.receive(b, awarenessFrame(id, 3, { cursor: id }))).toBe(ECHO_COST);
      r.receive(b, awarenessFrame(id, 3, null));
    }
    expect((b.socket as RecordingSocket).closed).toBe(null);
    expect([...b.awarenessIds]).toEqual([500]);
    expect([...r.awareness.getStates().keys()]).toEqual([500]);
  });
});

describe('Room output', () => {
  it('merges a turn of awareness changes into one frame, and does not send a socket its own states', async () => {
    const r = await room();
    const [a, b, c] = ['a', 'b', 'c'].map((id) => new Connection(socket(), ctx(id)));
    for (const conn of [a, b, c]) r.join(conn);
    const sockets = [a, b, c].map((conn) => conn.socket as RecordingSocket);
    for (const s of sockets) s.frames.length = 0;

    r.receive(a, awarenessFrame(1, 1, { cursor: 1 }));
    r.receive(a, awarenessFrame(1, 2, { cursor: 2 }));
    r.receive(b, awarenessFrame(2, 1, { cursor: 7 }));
    expect(sockets.map((s) => s.frames.length)).toEqual([0, 0, 0]); // nothing before the turn ends
    await nextTurn();

    // C gets one frame with the latest state of both movers.
    expect(sockets[2].frames).toHaveLength(1);
    const entries = awarenessIn(sockets[2].frames[0]).sort((x, y) => x.clientID - y.clientID);
    expect(entries.map((e) => [e.clientID, e.clock, (e.state as { cursor: number }).cursor])).toEqual([
      [1, 2, 2],
      [2, 1, 7],
    ]);
    // A and B get it too (it carries the other's state)...
    expect(sockets[0].frames).toHaveLength(1);
    expect(sockets[1].frames).toHaveLength(1);

    // ...but a turn in which only A moved sends A nothing.
    for (const s of sockets) s.frames.length = 0;
    r.receive(a, awarenessFrame(1, 3, { cursor: 3 }));
    await nextTurn();
    expect(sockets.map((s) => s.frames.length)).toEqual([0, 1, 1]);
  });

  it('sends awareness after the document updates that preceded it are durable and relayed', async () => {
    const inner = new MemoryDocStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // A store whose writes finish only when the test says so.
    const slow: DocStore = Object.assign(Object.create(inner), {
      append(docId: string, update: Uint8Array) {
        const { seq, written } = inner.append(docId, update);
        return { seq, written: gate.then(() => written) };
      },
    });
    const r = await room(slow);
    const a = new Connection(socket(), ctx('a'));
    const b = new Connection(socket(), ctx('b'));
    r.join(a);
    r.join(b);
    const bs = b.socket as RecordingSocket;
    await nextTurn();
    bs.frames.length = 0;

    r.receive(a, updateFrame(edit('x')));
    r.receive(a, awarenessFrame(1, 1, { cursor: 1 }));
    await nextTurn();
    expect(bs.frames).toHaveLength(0); // the update is not durable yet, and the cursor waits behind it

    release();
    await nextTurn();
    expect(bs.frames.map(messageType)).toEqual([0, 1]);
  });

  it('corks a socket for the frames of one callback and uncorks it on the next tick', async () => {
    const r = await room();
    const a = new Connection(socket(), ctx('a'));
    const b = new Connection(socket(), ctx('b'));
    r.join(a);
    r.join(b);
    await nextTurn();
    const bs = b.socket as RecordingSocket;
    bs.writes.length = 0;
    bs.frames.length = 0;

    // Three edits in one callback (as one socket read carrying three messages would be).
    for (const t of ['x', 'y', 'z']) r.receive(a, updateFrame(edit(t)));
    await r.flush();
    await nextTurn();
    expect(bs.frames).toHaveLength(3);
    expect(bs.writes).toEqual([bs.frames]); // one write for all three
  });
});

describe('Room failure', () => {
  it('a rejected write ends the room: every socket closed 1011, nothing relayed, no sync reply with the edit', async () => {
    const inner = new MemoryDocStore();
    let fail!: (err: Error) => void;
    const failing = new Promise<void>((_, reject) => (fail = reject));
    // The second append fails once the test says so; the others go to the real store.
    let appends = 0;
    const store: DocStore = Object.assign(Object.create(inner), {
      append(docId: string, update: Uint8Array) {
        const result = inner.append(docId, update);
        return ++appends === 2 ? { seq: result.seq, written: failing } : result;
      },
    });
    const ended: Room[] = [];
    const r = await room(store, (x) => ended.push(x));
    const a = new Connection(socket(), ctx('a'));
    const b = new Connection(socket(), ctx('b'));
    r.join(a);
    r.join(b);
    r.receive(a, updateFrame(edit('x')));
    await r.flush();
    await nextTurn();
    const bs = b.socket as RecordingSocket;
    expect(bs.frames.filter((f) => messageType(f) === 0)).toHaveLength(2); // step 1, then the relay of x
    bs.frames.length = 0;

    r.receive(a, updateFrame(edit('never stored')));
    // B asks for the document while the write is in flight: the reply waits behind it.
    r.receive(b, Uint8Array.of(0, 0, 1, 0));
    fail(new Error('disk full'));
    await r.flush();
    await nextTurn();

    expect(bs.frames).toEqual([]);
    expect((a.socket as RecordingSocket).closed).toBe(CloseCode.DocumentReloaded);
    expect(bs.closed).toBe(CloseCode.DocumentReloaded);
    expect(ended).toEqual([r]);
    expect(r.ended).toBe(true);
    // Nothing more is taken in.
    const late = new Connection(socket(), ctx('c'));
    r.receive(late, updateFrame(edit('late')));
    expect(appends).toBe(2);
  });
});
