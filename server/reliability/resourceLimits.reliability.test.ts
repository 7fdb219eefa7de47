/**
 * The sync endpoint's resource limits through the real server: a flooding socket is read at the
 * configured rate (delayed, never dropped or closed), a user's sockets beyond the cap are refused
 * with 429 before the upgrade, and a client that stops reading is closed 4429 while the server's
 * memory stays bounded (measured in the server process itself).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { MIN_WAIT_MS, startServer, tempDir, waitFor, type TestServer } from '../testing/harness.ts';
import type { SyncAuthorizer } from '../http/syncRoute.ts';
import { CloseCode } from '../../shared/closeCodes.ts';
import { MAX_AWARENESS_IDS_PER_CONNECTION } from '../sync/Room.ts';
import { pollHealthInWorker } from './healthWorker.ts';
import { sleep, spawnFixture, type FixtureServer } from './support.ts';

const servers: TestServer[] = [];
const children: FixtureServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const s of servers) await s.destroy();
  for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** Everyone is an admin; the user is whoever `?user=` says. */
const byQueryUser: SyncAuthorizer = async (request, relationshipId) => {
  const id = (request.query as { user?: string }).user ?? 'u_test';
  return {
    ok: true,
    ctx: {
      sessionId: id,
      relationshipId,
      role: 'admin',
      user: { id, name: id, color: '#334155', companyId: 't', companyName: 'T' },
    },
  };
};

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) =>
      reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })),
    );
    ws.once('error', reject);
  });
}

const closed = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

/** A sync step 1 carrying a state vector of `clients` entries: ~6 bytes each, answered with a step 2. */
function bigStep1(clients: number): Uint8Array {
  const sv = encoding.createEncoder();
  encoding.writeVarUint(sv, clients);
  for (let i = 0; i < clients; i++) {
    encoding.writeVarUint(sv, 1_000_000 + i);
    encoding.writeVarUint(sv, 1000);
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(sv));
  return encoding.toUint8Array(e);
}

/** The entries of an awareness frame from the server (none for anything else). */
function awarenessEntries(data: Buffer): Array<{ clientID: number; clock: number; state: string }> {
  try {
    const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (decoding.readVarUint(d) !== 1) return [];
    const u = decoding.createDecoder(decoding.readVarUint8Array(d));
    const out: Array<{ clientID: number; clock: number; state: string }> = [];
    for (let n = decoding.readVarUint(u); n > 0; n--) {
      const clientID = decoding.readVarUint(u);
      const clock = decoding.readVarUint(u);
      out.push({ clientID, clock, state: decoding.readVarString(u) });
    }
    return out;
  } catch {
    return [];
  }
}

function awarenessFrame(clientID: number, clock: number, padding: string): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientID);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify({ pad: padding, clock }));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

describe('message rate limit', () => {
  it('reads a flooding socket at the configured rate, loses nothing, and keeps serving others', async () => {
    const RATE = 200;
    const BURST = 100;
    const FLOOD = 800;
    // What one socket read can hold beyond the budget: the pause applies between reads, not
    // inside one, so the reader runs at most this far ahead of burst + rate × time.
    const ONE_READ = 250;
    const s = await startServer(
      { SYNC_MESSAGES_PER_SECOND: RATE, SYNC_MESSAGE_BURST: BURST },
      { authorizeSync: byQueryUser },
    );
    servers.push(s);
    const flooder = await open(`${s.wsUrl}/rate?user=flood`);
    const other = await open(`${s.wsUrl}/rate?user=calm`);
    let answers = 0;
    flooder.on('message', (d: Buffer) => {
      if (d[0] === 0 && d[1] === 1) answers++; // sync step 2: one per step 1 we sent
    });
    const frame = bigStep1(100); // ~600 bytes: a 64 KiB read holds ~100 of them
    const t0 = performance.now();
    for (let i = 0; i < FLOOD; i++) flooder.send(frame);

    await sleep(1000);
    const afterOne = answers;
    const elapsed = (performance.now() - t0) / 1000;
    expect(afterOne).toBeLessThanOrEqual(BURST + RATE * elapsed + ONE_READ);
    expect(afterOne).toBeGreaterThan(0);

    // Meanwhile another user's socket is answered, not queued behind the flood: its reply comes
    // while the flooder still waits for answers (the flood takes (FLOOD - BURST) / RATE seconds
    // at the least, whatever the machine's speed).
    const reply = new Promise<number>((resolve) =>
      other.on('message', (d: Buffer) => d[0] === 0 && d[1] === 1 && resolve(answers)),
    );
    other.send(bigStep1(1));
    const floodAnsweredBeforeOther = await reply;
    expect(floodAnsweredBeforeOther).toBeLessThan(FLOOD);

    // Nothing dropped, nothing closed: every step 1 is answered, no faster than the configured
    // rate (a bound a slow machine can only meet more easily).
    await waitFor(() => answers === FLOOD, undefined, 'every flooded step 1 to be answered');
    const total = (performance.now() - t0) / 1000;
    expect(flooder.readyState).toBe(WebSocket.OPEN);
    expect(total).toBeGreaterThanOrEqual((FLOOD - BURST - ONE_READ) / RATE);
    console.log(
      `[limits] rate ${RATE}/s burst ${BURST}: ${FLOOD} flooded messages answered in ${total.toFixed(1)} s (${afterOne} in the first second); another socket answered after ${floodAnsweredBeforeOther} of them`,
    );
    flooder.close();
    other.close();
  });
});

describe('connections per user', () => {
  it('refuses the socket beyond the cap with 429 before the upgrade, and frees the slot on close', async () => {
    const s = await startServer({ MAX_SYNC_CONNECTIONS_PER_USER: 3 }, { authorizeSync: byQueryUser });
    servers.push(s);
    const ada = await Promise.all([1, 2, 3].map(() => open(`${s.wsUrl}/cap?user=ada`)));
    await expect(open(`${s.wsUrl}/cap?user=ada`)).rejects.toMatchObject({ status: 429 });
    // Another user is not affected.
    const ben = await open(`${s.wsUrl}/cap?user=ben`);
    const gone = closed(ada[0]);
    ada[0].close();
    await gone;
    let again: WebSocket | null = null;
    for (let i = 0; i < 50 && !again; i++) {
      again = await open(`${s.wsUrl}/cap?user=ada`).catch(() => null);
      if (!again) await sleep(20);
    }
    expect(again).not.toBeNull();
    for (const ws of [...ada.slice(1), ben, again!]) ws.close();
  });
});

describe('backpressure', () => {
  it('closes a client that stopped reading (4429) and keeps server memory bounded', async () => {
    const dataDir = await tempDir('charter-bp-');
    dirs.push(dataDir);
    const CAP_MB = 2;
    const server = await spawnFixture({
      DATA_DIR: dataDir,
      METRICS_INTERVAL_MS: '200',
      MAX_SEND_BUFFER_BYTES: String(CAP_MB * 1024 * 1024),
      // The flooders below are allowed to go fast: this test is about the reader, not the rate.
      SYNC_MESSAGES_PER_SECOND: '100000',
      SYNC_MESSAGE_BURST: '100000',
    });
    children.push(server);
    const health = pollHealthInWorker(server.url, 100, MIN_WAIT_MS);

    const slow = await open(`${server.wsUrl}/bp?user=slow`);
    const slowClosed = closed(slow);
    // The slow reader owns an awareness state: the server removes it, for everyone, the moment it
    // drops the socket, so the writers learn of the drop without the reader reading anything.
    const SLOW_ID = 99_999;
    slow.send(awarenessFrame(SLOW_ID, 1, ''));
    await waitFor(() => server.metrics.length >= 2, undefined, 'two metrics reports before the flood');
    const baseline = Math.max(...server.metrics.slice(-2).map((m) => m.rssMb));
    // Stop reading: the server's sends to this socket pile up in its kernel buffer, then in Node.
    (slow as unknown as { _socket: { pause(): void } })._socket.pause();

    // Eight writers move 32 ~3.5 KB awareness states in turn (a socket may own only a few ids).
    // The server merges each event-loop turn's changes into one frame, so with many states every
    // relayed frame is large (up to 32 states) and at least one goes out per 100 frames sent:
    // tens of MB to the slow reader. The first writer asks for the states every 100 frames (query
    // awareness) and reads the answers, so the writers stay within a few hundred frames of the server.
    // How much of that reaches the slow reader depends on how many turns the server takes, so the
    // flood goes on, a round at a time, until the server has dropped the reader (its state removed).
    const FLOOD_MB = 80;
    const MAX_ROUNDS = 4;
    const STATES = 8 * MAX_AWARENESS_IDS_PER_CONNECTION;
    const padding = 'x'.repeat(3500);
    const count = Math.ceil((FLOOD_MB * 1024 * 1024) / 3600);
    const writers = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((k) => open(`${server.wsUrl}/bp?user=writer-${k}`)));
    const [writer] = writers;
    let acked = 0;
    let slowPresent = false;
    let dropped = false;
    writer.on('message', (data: Buffer) => {
      for (const e of awarenessEntries(data)) {
        if (e.clientID !== SLOW_ID) acked = Math.max(acked, e.clock);
        else if (e.state === 'null') dropped = slowPresent;
        else slowPresent = true;
      }
    });
    writer.send(Uint8Array.of(3));
    await waitFor(() => slowPresent, undefined, "the slow reader's state to reach the writers");
    const t0 = performance.now();
    let i = 0;
    let rounds = 0;
    while (!dropped && rounds < MAX_ROUNDS) {
      rounds++;
      await floodRound();
      // Everything sent so far is dealt with once the last query is answered, so a drop it
      // caused has been told to the writers by then.
      writer.send(Uint8Array.of(3));
      await waitFor(() => acked >= i || dropped, undefined, 'the server to catch up with the writers');
    }
    expect(dropped, `the server dropped the reader after ${rounds} rounds of ${FLOOD_MB} MB`).toBe(true);

    async function floodRound(): Promise<void> {
      for (const end = i + count; i < end && !dropped;) {
        i++;
        const state = i % STATES;
        writers[Math.floor(state / MAX_AWARENESS_IDS_PER_CONNECTION)].send(awarenessFrame(10_001 + state, i, padding));
        if (i % 100 === 0) {
          writer.send(Uint8Array.of(3));
          // Keep our own outgoing buffers small, and stay within a few hundred frames of the server.
          await waitFor(
            () => writers.every((w) => w.bufferedAmount <= 1 << 20) && i - acked <= 400,
            undefined,
            `the server to answer the writers' query (frame ${i}, answered up to ${acked})`,
          );
        }
      }
    }
    // Two reports written after the last frame went out, so the peak covers the whole flood.
    const reports = server.metrics.length;
    await waitFor(() => server.metrics.length >= reports + 2, undefined, 'two metrics reports after the flood');
    const floodSeconds = (performance.now() - t0) / 1000;
    const peak = Math.max(...server.metrics.map((m) => m.rssMb));
    const worstDelay = Math.max(...server.metrics.map((m) => m.elMaxMs));

    // Reading again, the slow client drains what was queued before the close, then sees 4429.
    (slow as unknown as { _socket: { resume(): void } })._socket.resume();
    let code = 0;
    void slowClosed.then((c) => (code = c));
    await waitFor(() => code !== 0, undefined, 'the slow reader to be closed');
    const h = await health.stop();
    expect(code).toBe(CloseCode.RateLimited);
    for (const ws of writers) expect(ws.readyState).toBe(WebSocket.OPEN);
    console.log(
      `[backpressure] ${((i * 3600) / 1048576).toFixed(0)} MB of awareness sent (${rounds} round(s)) until a client that stopped reading was dropped, over ${floodSeconds.toFixed(1)} s; send cap ${CAP_MB} MB; ` +
        `server RSS baseline ${baseline} MB, peak ${peak} MB (+${(peak - baseline).toFixed(0)} MB); worst event-loop delay ${worstDelay} ms; ` +
        `slow client closed ${code}; health slowest ${h.slowest.toFixed(0)} ms, failures ${h.failures}`,
    );
    // Unbounded buffering would hold the whole flood; bounded holds the cap plus working memory.
    expect(peak - baseline).toBeLessThan(FLOOD_MB / 2);
    // The server process stayed up and answering (health speed under a flood is the fuzzer's job).
    expect(server.child.exitCode).toBeNull();
    expect(h.polls - h.failures).toBeGreaterThan(0);
    for (const ws of writers) ws.close();
  }, 600_000);
});
