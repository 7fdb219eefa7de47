/**
 * The room's awareness rules in isolation (real Room, in-memory store, recording sockets):
 * stamping, ownership of client ids, and the near-free cost of echoed states.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { MemoryDocStore } from '../storage/MemoryDocStore.ts';
import { Connection, ECHO_COST, Room, type SyncSocket } from './Room.ts';
import { encodeAwarenessEntries } from './protocol.ts';
import type { ConnectionContext } from './types.ts';

const silent = { warn() {}, error() {} };

function ctx(id: string): ConnectionContext {
  return { sessionId: id, relationshipId: 'r', role: 'member', user: { id, name: `User ${id}`, color: '#123456', companyId: 'c', companyName: 'Co' } };
}

function socket(): SyncSocket & { frames: Uint8Array[]; closed: number | null } {
  return { frames: [], closed: null, bufferedAmount: 0, send(d) { this.frames.push(d); }, close(code) { this.closed = code; } };
}

function awarenessFrame(clientID: number, clock: number, state: object | null) {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encodeAwarenessEntries([{ clientID, clock, state: JSON.stringify(state) }]));
  return encoding.toUint8Array(e);
}

async function room() {
  const store = new MemoryDocStore();
  await store.load('r');
  return new Room('r', new Y.Doc(), store, {
    guard: () => ({ ok: true }),
    compactAfterUpdates: 1000,
    compactAfterBytes: 1e9,
    maxBufferedBytes: 1e9,
    log: silent,
  }, { lastSeq: 0, logRecords: 0, logBytes: 0 });
}

describe('Room awareness', () => {
  it('stamps the real identity, keeps ownership, and charges echoes almost nothing', async () => {
    const r = await room();
    const a = new Connection(socket(), ctx('a'));
    const b = new Connection(socket(), ctx('b'));
    r.join(a);
    r.join(b);

    expect(r.handleMessage(a, awarenessFrame(101, 1, { user: { name: 'Impostor' }, cursor: 5 }))).toBe(1);
    expect(r.awareness.getStates().get(101)).toEqual({ cursor: 5, user: ctx('a').user });

    // B re-broadcasting A's state (what stock providers do) is an echo: ignored and nearly free.
    expect(r.handleMessage(b, awarenessFrame(101, 2, { cursor: 9 }))).toBe(ECHO_COST);
    expect(r.awareness.getStates().get(101)).toEqual({ cursor: 5, user: ctx('a').user });

    // B cannot remove A's state either; when A leaves, its states go for everyone.
    r.handleMessage(b, awarenessFrame(101, 3, null));
    expect(r.awareness.getStates().has(101)).toBe(true);
    r.leave(a);
    expect(r.awareness.getStates().has(101)).toBe(false);
  });

  it('drops a state larger than 4 KiB', async () => {
    const r = await room();
    const a = new Connection(socket(), ctx('a'));
    r.join(a);
    r.handleMessage(a, awarenessFrame(7, 1, { blob: 'x'.repeat(5000) }));
    expect(r.awareness.getStates().has(7)).toBe(false);
  });
});
