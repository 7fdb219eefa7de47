/**
 * Protocol fuzzer: several raw sockets send tens of thousands of hostile frames (fuzzFrames.ts)
 * at the real server (a child process) while honest stock clients keep editing the same
 * documents. Every frame is followed by a probe (an awareness state of the fuzzer's own) so the
 * fuzzer knows the server dealt with it: the probe comes back (frame accepted or ignored) or the
 * socket closes (1007 malformed, 1008 awareness limits, 1009 too big, 4403 denied, or 1011 when
 * another socket's update failed to apply and the document reloaded), and the fuzzer reconnects.
 *
 * Throughout: every /api/health poll (from a worker thread) is answered and the process never
 * dies. Afterwards: honest clients converged, the server stops cleanly, every stored document
 * loads record by record, and a restarted server serves the same state.
 *
 * Each socket sends its own share of the frames from its own seeded generator, so a seed names
 * the frames sent whatever the machine's speed (`FUZZ_SEED=<n>` replays or explores; the seed is
 * printed first and named in every failure). Health figures are printed, not bounded: a slow
 * machine answers slowly, and only a poll unanswered for MIN_WAIT_MS counts as a failure.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { connectClient, MIN_WAIT_MS, tempDir, waitFor, type TestClient } from '../testing/harness.ts';
import { decodeAwarenessUpdate, decodeClientMessage } from '../sync/protocol.ts';
import { MAX_AWARENESS_IDS_PER_CONNECTION, MAX_AWARENESS_STATE_BYTES } from '../sync/Room.ts';
import { CloseCode } from '../../shared/closeCodes.ts';
import { frameGenerator, prng } from './fuzzFrames.ts';
import { pollHealthInWorker } from './healthWorker.ts';
import { readStoredDocs, sameState, sleep, spawnFixture, typeLine, visionText, type FixtureServer } from './support.ts';

const SOCKETS = 12;
const FRAMES_PER_SOCKET = Math.ceil(Number(process.env.FUZZ_FRAMES ?? 30_000) / SOCKETS);
const FRAMES = FRAMES_PER_SOCKET * SOCKETS;
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202);
const BATCH = 16;
const DOCS = 3;
const MAX_MESSAGE_BYTES = 64 * 1024;

let server: FixtureServer | null = null;
const clients: TestClient[] = [];
let dataDir = '';

afterAll(async () => {
  for (const c of clients) c.destroy();
  if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function probeFrame(clientID: number, clock: number): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientID);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify({ probe: clock }));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

/**
 * Asks for every awareness state (y-websocket's query message). The server answers at once with
 * the states it holds, the probe's included: proof that it dealt with every frame sent before.
 * (It does not echo a socket's own states back, so the probe alone would get no reply.)
 */
const QUERY_AWARENESS = Uint8Array.of(3);

function isProbeEcho(data: Buffer, clientID: number, clock: number): boolean {
  try {
    const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (decoding.readVarUint(d) !== 1) return false;
    return decodeAwarenessUpdate(decoding.readVarUint8Array(d)).some(
      (e) => e.clientID === clientID && e.clock === clock,
    );
  } catch {
    return false;
  }
}

interface FuzzStats {
  /** Frames the server is known to have dealt with (see `fuzzer`). */
  frames: number;
  /** Closes after a batch whose last frame could not cause one (rate limit? bug?). */
  unexpectedCloses: string[];
  echoes: number;
  closes: Record<string, number>;
  byStrategy: Partial<Record<string, number>>;
  stalls: number;
  connects: number;
}

/** Room for the identity the server stamps into a state: a state this close to the cap may pass it. */
const STAMP_ALLOWANCE = 512;

/**
 * Could this frame make the server close the socket? Undecodable frames, anything carrying a
 * document update (denied, or failing to integrate), awareness states that are not JSON or near
 * the size cap, and awareness that may take the socket past its client-id cap. `claimed` holds
 * the ids this socket may own so far (the server counts fewer: only ids nobody owns, with a newer
 * clock). Everything else (sync step 1, awareness with well-formed but wrong states, auth) is
 * answered or ignored, never closed on: such frames can share a batch with the risky one that ends it.
 */
function risky(data: Uint8Array | string, claimed: Set<number>): boolean {
  if (typeof data === 'string' || data.length > MAX_MESSAGE_BYTES) return true;
  try {
    const msg = decodeClientMessage(data);
    if (msg.kind === 'syncStep2' || msg.kind === 'update') return true;
    if (msg.kind === 'awareness') {
      for (const e of msg.entries) {
        JSON.parse(e.state);
        if (Buffer.byteLength(e.state) > MAX_AWARENESS_STATE_BYTES - STAMP_ALLOWANCE) return true;
        if (e.state !== 'null') claimed.add(e.clientID);
      }
      return claimed.size > MAX_AWARENESS_IDS_PER_CONNECTION;
    }
    return false;
  } catch {
    return true;
  }
}

/**
 * One socket at a time, reconnecting after every close, until its budget is spent. Frames
 * go out in batches: up to BATCH frames that cannot close the socket, ended early by the first
 * one that can (`risky`), then a probe. So the server has dealt with the whole batch when the
 * probe comes back or when the socket closes: only the batch's last frame could have closed it.
 */
async function fuzzer(
  wsUrl: string,
  doc: string,
  seed: number,
  budget: { left: number },
  stats: FuzzStats,
): Promise<void> {
  const next = frameGenerator(seed, MAX_MESSAGE_BYTES);
  const random = prng(~seed);
  let clock = 2 ** 30; // above any clock a random awareness frame is likely to claim for our id
  while (budget.left > 0) {
    const clientID = 1 + Math.floor(random() * 2 ** 31);
    const ws = new WebSocket(`${wsUrl}/${doc}?user=fuzz-${seed}`);
    stats.connects++;
    const opened = await new Promise<boolean>((resolve) => {
      ws.once('open', () => resolve(true));
      ws.once('error', () => resolve(false));
    });
    if (!opened) {
      await sleep(50);
      continue;
    }
    let waiting: ((outcome: { kind: 'echo' } | { kind: 'closed'; code: number; reason: string }) => void) | null = null;
    let want = -1;
    let closed = false;
    ws.on('message', (data: Buffer) => {
      if (waiting && isProbeEcho(data, clientID, want)) waiting({ kind: 'echo' });
    });
    ws.on('close', (code, reason) => {
      closed = true;
      stats.closes[code] = (stats.closes[code] ?? 0) + 1;
      waiting?.({ kind: 'closed', code, reason: reason.toString() });
    });
    ws.on('error', () => undefined);
    const claimed = new Set([clientID]);
    while (!closed && budget.left > 0) {
      const batch: Array<Uint8Array | string> = [];
      while (batch.length < BATCH && budget.left > 0) {
        const f = next();
        budget.left--;
        stats.byStrategy[f.strategy] = (stats.byStrategy[f.strategy] ?? 0) + 1;
        batch.push(f.data);
        if (risky(f.data, claimed)) break;
      }
      want = ++clock;
      const outcome = await new Promise<
        { kind: 'echo' } | { kind: 'closed'; code: number; reason: string } | { kind: 'stall' }
      >((resolve) => {
        // A hang detector, not a speed check: no answer at all for this long is a stuck server.
        const timer = setTimeout(() => resolve({ kind: 'stall' }), MIN_WAIT_MS);
        waiting = (o) => {
          clearTimeout(timer);
          waiting = null;
          resolve(o);
        };
        for (const data of batch) ws.send(data, { binary: typeof data !== 'string' });
        ws.send(probeFrame(clientID, want));
        ws.send(QUERY_AWARENESS);
      });
      if (outcome.kind === 'echo') {
        stats.echoes++;
        stats.frames += batch.length;
      } else if (outcome.kind === 'closed') {
        stats.frames += batch.length;
        // A reload ends every socket of the room, whichever sent the update that failed to apply.
        const anyone = outcome.code === CloseCode.DocumentReloaded;
        if (!anyone && !risky(batch[batch.length - 1], claimed))
          stats.unexpectedCloses.push(`${outcome.code} ${outcome.reason}`);
      } else {
        stats.stalls++;
        ws.terminate();
        break;
      }
    }
    if (!closed) ws.close();
  }
}

describe('protocol fuzzer', () => {
  it('survives tens of thousands of hostile frames; health keeps answering, honest clients converge, storage loads', async () => {
    console.log(`[fuzz] seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
    dataDir = await tempDir('charter-fuzz-');
    const env = { DATA_DIR: dataDir, MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES), METRICS_INTERVAL_MS: '1000' };
    server = await spawnFixture(env);
    const docs = Array.from({ length: DOCS }, (_, i) => `fuzz-${i}`);

    // Honest editors: two per document, typing throughout.
    for (const d of docs) for (let k = 0; k < 2; k++) clients.push(connectClient(server.wsUrl, d));
    await Promise.all(clients.map((c) => c.synced()));
    const typed: string[][] = clients.map(() => []);
    const typing = setInterval(() => {
      clients.forEach((c, i) => {
        // Bracketed, because fuzzed rich text (an inline node at the top level, a mutated node
        // name) can run on from an honest paragraph in the plain-text rendering: the check is
        // "this exact text is there", not "this is a whole line".
        const line = `[honest ${i}:${typed[i].length}]`;
        typeLine(c.doc, line);
        typed[i].push(line);
      });
    }, 250);

    const health = pollHealthInWorker(server.url, 100, MIN_WAIT_MS);
    const stats: FuzzStats = {
      frames: 0,
      unexpectedCloses: [],
      echoes: 0,
      closes: {},
      byStrategy: {},
      stalls: 0,
      connects: 0,
    };
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: SOCKETS }, (_, k) =>
        fuzzer(server!.wsUrl, docs[k % DOCS], SEED + k, { left: FRAMES_PER_SOCKET }, stats),
      ),
    );
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(typing);
    const h = await health.stop();
    expect(server.child.exitCode, `the server process is alive (FUZZ_SEED=${SEED})`).toBeNull();

    // Honest clients of each document converge and hold every line they typed.
    await waitFor(
      () =>
        clients.every((c, i) => {
          const peer = clients[i % 2 === 0 ? i + 1 : i - 1];
          const text = visionText(c.doc);
          return (
            sameState(c.doc, peer.doc) &&
            typed[i].every((l) => text.includes(l)) &&
            typed[clients.indexOf(peer)].every((l) => text.includes(l))
          );
        }),
      60_000,
      `honest clients to converge (FUZZ_SEED=${SEED})`,
    ).catch((err) => {
      // Say who is behind and how, before failing: a convergence bug is otherwise opaque.
      clients.forEach((c, i) => {
        const text = visionText(c.doc);
        const missing = typed
          .flatMap((t, j) => (Math.floor(j / 2) === Math.floor(i / 2) ? t : []))
          .filter((l) => !text.includes(l));
        console.log(
          `[fuzz] honest ${i}: synced=${c.provider.synced} closes=${JSON.stringify(c.closes)} denials=${JSON.stringify(c.denials)} missing=${missing.length} ${missing.slice(0, 3).join(',')} sv=${Buffer.from(Y.encodeStateVector(c.doc)).toString('hex').slice(0, 60)}`,
        );
      });
      throw err;
    });

    const during = server.metrics;
    // Clean stop, then every stored record applies, and a restarted server serves the same state.
    for (const c of clients) c.provider.disconnect();
    server.child.kill('SIGTERM');
    expect((await server.exited).code, `clean stop (FUZZ_SEED=${SEED})`).toBe(0);
    const stored = await readStoredDocs(dataDir);
    expect(stored.failures, `stored records apply (FUZZ_SEED=${SEED})`).toEqual([]);
    server = await spawnFixture(env);
    for (const [i, d] of docs.entries()) {
      const fresh = connectClient(server.wsUrl, d);
      clients.push(fresh);
      await fresh.synced();
      expect(
        sameState(fresh.doc, clients[i * 2].doc),
        `${d} reloads equal to its honest clients (FUZZ_SEED=${SEED})`,
      ).toBe(true);
      expect(sameState(fresh.doc, stored.docs.get(d)!), `${d} equals what is stored (FUZZ_SEED=${SEED})`).toBe(true);
    }

    const peakRss = Math.max(...during.map((m) => m.rssMb), 0);
    const worstDelay = Math.max(...during.map((m) => m.elMaxMs), 0);
    console.log(
      `[fuzz] seed=${SEED} frames fuzzed=${stats.frames} in ${seconds.toFixed(1)} s (${Math.round(stats.frames / seconds)}/s), ` +
        `unexpected closes=${stats.unexpectedCloses.length}, probes echoed=${stats.echoes}, reconnects=${stats.connects}, closes=${JSON.stringify(stats.closes)}, stalls=${stats.stalls}; ` +
        `health polls=${h.polls} failures=${h.failures} slowest=${h.slowest.toFixed(0)} ms; honest edits=${typed.flat().length}; ` +
        `stored docs=${stored.docs.size} quarantined=${stored.quarantined}; by strategy ${JSON.stringify(stats.byStrategy)}; server peak RSS ${peakRss} MB, worst event-loop delay ${worstDelay} ms`,
    );
    expect(stats.stalls, `sockets left unanswered (FUZZ_SEED=${SEED})`).toBe(0);
    expect(stats.unexpectedCloses, `unexpected closes (FUZZ_SEED=${SEED})`).toEqual([]);
    expect(h.failures, `health polls failed or unanswered (FUZZ_SEED=${SEED})`).toBe(0);
    expect(stats.frames, `frames the server dealt with (FUZZ_SEED=${SEED})`).toBe(FRAMES);
  }, 600_000);
});
