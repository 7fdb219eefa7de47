/**
 * The reconnect race behind heldUpdates.ts: a client whose first update after a reconnect builds
 * on offline edits that only arrive in its sync step 2 is not refused, and nothing is lost.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { allowAll, connectClient, startServer, waitFor, type TestClient, type TestServer } from '../testing/harness.ts';
import { buildsAhead, HeldUpdates, MAX_HELD_BYTES, MAX_HELD_UPDATES } from './heldUpdates.ts';
import { typeLine, visionText } from '../reliability/support.ts';

const servers: TestServer[] = [];
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.destroy();
});

function updatesOf(doc: Y.Doc, edit: () => void): Uint8Array[] {
  const out: Uint8Array[] = [];
  const on = (u: Uint8Array) => out.push(u);
  doc.on('update', on);
  edit();
  doc.off('update', on);
  return out;
}

function frame(kind: number, update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, kind);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

describe('buildsAhead / HeldUpdates', () => {
  it('flags an update that starts beyond what the document has, and nothing else', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const [first] = updatesOf(client, () => typeLine(client, 'one'));
    const [second] = updatesOf(client, () => typeLine(client, 'two'));
    expect(buildsAhead(server, Y.decodeUpdate(first))).toBe(false);
    expect(buildsAhead(server, Y.decodeUpdate(second))).toBe(true);
    Y.applyUpdate(server, first);
    expect(buildsAhead(server, Y.decodeUpdate(second))).toBe(false);
  });

  it('holds until released or until the bound, then never again', () => {
    const held = new HeldUpdates();
    const u = { update: new Uint8Array(10), decoded: { structs: [], ds: { clients: new Map() } } as never };
    for (let i = 0; i < MAX_HELD_UPDATES; i++) expect(held.hold(u)).toBe(true);
    expect(held.hold(u)).toBe(false);
    expect(held.isOpen).toBe(false);
    expect(held.release()).toHaveLength(MAX_HELD_UPDATES);
    expect(held.hold(u)).toBe(false);
  });

  it('stops holding at the byte bound', () => {
    const held = new HeldUpdates();
    const big = {
      update: new Uint8Array(MAX_HELD_BYTES / 4),
      decoded: { structs: [], ds: { clients: new Map() } } as never,
    };
    for (let i = 0; i < 4; i++) expect(held.hold(big)).toBe(true);
    expect(held.hold({ ...big, update: new Uint8Array(1) })).toBe(false);
    expect(held.release()).toHaveLength(4);
  });
});

describe('an update that overtakes the offline edits it builds on', () => {
  it('waits for the sync step 2 and then applies; the client is not refused', async () => {
    const s = await startServer({}, { authorizeSync: allowAll });
    servers.push(s);
    const offline = new Y.Doc();
    const [lostEdit] = updatesOf(offline, () => typeLine(offline, 'typed offline'));
    const [newEdit] = updatesOf(offline, () => typeLine(offline, 'typed right after the reconnect'));

    const ws = new WebSocket(`${s.wsUrl}/held`);
    const closes: number[] = [];
    ws.on('close', (code) => closes.push(code));
    await new Promise((r) => ws.once('open', r));
    // What a stock provider does when it reconnects and keeps typing: the new edit leaves at
    // once, the offline one only in the step 2 that answers the server's step 1.
    ws.send(frame(syncProtocol.messageYjsUpdate, newEdit));
    await new Promise((r) => setTimeout(r, 100));
    ws.send(frame(syncProtocol.messageYjsSyncStep2, lostEdit));

    const reader = connectClient(s.wsUrl, 'held');
    clients.push(reader);
    await waitFor(
      () => visionText(reader.doc).includes('typed right after the reconnect'),
      5_000,
      'both edits applied',
    );
    expect(visionText(reader.doc)).toBe(visionText(offline));
    expect(closes).toEqual([]);
    ws.close();
  });
});
