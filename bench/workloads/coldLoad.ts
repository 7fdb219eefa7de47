/**
 * Cold load: a plan grown from many small updates (about 1 MB), opened by a fresh client right
 * after a server restart.
 *
 * The history goes in through the server as real updates from stock providers, so it reaches
 * each server's store by that server's own write path (Charter: inspect, apply, append, compact;
 * the reference: y-leveldb's per-update log). Several seeding connections share the work, each
 * paced by an observer client: a seeder sends a chunk, then waits until the observer has
 * received it, so no server is handed 100,000 frames at once. Charter limits each socket's
 * message rate (burst 20,000); no seeding socket sends more than that.
 */
import * as Y from 'yjs';
import { covers, openProvider } from '../load/seedOverWire.ts';
import { visionText } from '../load/planContent.ts';
import { settledDiskBytes } from '../metrics/procfs.ts';
import type { Role, RunningTarget } from '../servers/target.ts';
import type { Measurements } from './results.ts';

export interface ColdLoadOptions {
  updates: number;
  charsPerUpdate: number;
  /** Server restarts, each followed by one cold open (the median is reported). */
  coldSamples: number;
  /** Opens of the loaded document after each cold one. */
  warmSamples: number;
}

const UPDATES_PER_SEEDER = 20_000;
const CHUNK = 500;
/** Bounded, but generous: a server may replay a whole update log on a cold open. */
const COLD_OPEN_TIMEOUT_MS = 120_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
}

/** Types `count` updates of `chars` characters through one provider, paced by the observer. */
async function seedOne(
  server: RunningTarget,
  observer: Y.Doc,
  cookie: string | undefined,
  count: number,
  chars: number,
  seed: number,
): Promise<Map<number, number>> {
  const doc = new Y.Doc();
  if (server.localSeed) Y.applyUpdate(doc, server.localSeed);
  const provider = openProvider(server.serverUrl, server.rooms[0], doc, cookie);
  try {
    await until(() => provider.synced && visionText(doc) !== null, 60_000, 'seeder sync');
    const text = visionText(doc)!;
    const piece = String.fromCharCode(97 + (seed % 26)).repeat(chars - 1) + ' ';
    let cursor = Y.createRelativePositionFromTypeIndex(text, text.length);
    for (let sent = 0; sent < count;) {
      const n = Math.min(CHUNK, count - sent);
      for (let i = 0; i < n; i++) {
        // Each insert is its own transaction, hence its own update and websocket frame.
        const at = Y.createAbsolutePositionFromRelativePosition(cursor, doc)?.index ?? text.length;
        text.insert(at, piece);
        cursor = Y.createRelativePositionFromTypeIndex(text, at + chars);
      }
      sent += n;
      const mine = new Map([[doc.clientID, Y.getState(doc.store, doc.clientID)]]);
      await until(() => covers(observer, mine), 120_000, 'the observer to receive a seeding chunk');
    }
    return Y.decodeStateVector(Y.encodeStateVector(doc));
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

/** Opens the document with a fresh client; ms until it holds everything in `want`. */
async function openAndTime(
  server: RunningTarget,
  cookie: string | undefined,
  want: Map<number, number>,
): Promise<{ ms: number; bytes: number }> {
  const doc = new Y.Doc();
  if (server.localSeed) Y.applyUpdate(doc, server.localSeed);
  const started = performance.now();
  const provider = openProvider(server.serverUrl, server.rooms[0], doc, cookie);
  try {
    // Full content, not the first 'sync' event: a server may answer sync before its store loaded.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        // Say what is missing: a server that lost writes never serves the full content.
        let missing = 0;
        let total = 0;
        for (const [client, clock] of want) {
          total += clock;
          missing += Math.max(0, clock - Y.getState(doc.store, client));
        }
        reject(
          new Error(
            `no full content after ${COLD_OPEN_TIMEOUT_MS / 1000} s: ${missing.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} clocks (characters) missing from what the server served after its restart`,
          ),
        );
      }, COLD_OPEN_TIMEOUT_MS);
      const check = () => {
        if (provider.synced && covers(doc, want)) {
          clearTimeout(timer);
          doc.off('update', check);
          provider.off('sync', check);
          resolve();
        }
      };
      doc.on('update', check);
      provider.on('sync', check);
      check();
    });
    return { ms: performance.now() - started, bytes: Y.encodeStateAsUpdate(doc).length };
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

export async function measureColdLoad(server: RunningTarget, opts: ColdLoadOptions): Promise<Measurements> {
  const cookie = (role: Role, n: number) => server.cookie(role, n);
  const diskBefore = await settledDiskBytes(server.dataDir, 500);

  const observerDoc = new Y.Doc();
  if (server.localSeed) Y.applyUpdate(observerDoc, server.localSeed);
  const observer = openProvider(server.serverUrl, server.rooms[0], observerDoc, cookie('member', 0));
  const want = new Map<number, number>();
  try {
    await until(() => observer.synced, 60_000, 'observer sync');
    const seeders = Math.ceil(opts.updates / UPDATES_PER_SEEDER);
    const vectors = await Promise.all(
      Array.from({ length: seeders }, (_, s) => {
        const count = Math.min(UPDATES_PER_SEEDER, opts.updates - s * UPDATES_PER_SEEDER);
        // Admins and members alike may write the vision; spread seeders over all four people.
        return seedOne(server, observerDoc, cookie(s % 2 ? 'admin' : 'member', s >> 1), count, opts.charsPerUpdate, s);
      }),
    );
    for (const v of vectors) for (const [client, clock] of v) want.set(client, Math.max(want.get(client) ?? 0, clock));
  } finally {
    observer.destroy();
    observerDoc.destroy();
  }
  // The floor stores nothing: nothing to load after a restart.
  if (server.name === 'floor') return {};

  const cold: number[] = [];
  const warm: number[] = [];
  let bytes = 0;
  for (let i = 0; i < opts.coldSamples; i++) {
    await server.restart();
    const first = await openAndTime(server, cookie('member', i), want);
    cold.push(first.ms);
    bytes = first.bytes;
    for (let w = 0; w < opts.warmSamples; w++) warm.push((await openAndTime(server, cookie('member', w), want)).ms);
  }
  const diskAfter = await settledDiskBytes(server.dataDir, 1000);
  return {
    // The first open after seeding is the one the workload is about: a server that compacts on
    // load (the reference does, past 500 records) is fast on every later restart.
    coldLoadMs: cold[0],
    laterColdLoadMs: cold.length > 1 ? median(cold.slice(1)) : undefined,
    warmLoadMs: median(warm),
    docMb: bytes / 2 ** 20,
    edits: opts.updates,
    diskBytesPerEdit: Math.max(0, diskAfter - diskBefore) / opts.updates,
  };
}
