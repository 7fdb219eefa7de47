/**
 * Helpers shared by the reliability tests: the server fixture as a child process on a fixed port
 * (so stock clients reconnect to the same URL after a restart), a concurrent health poller, the
 * stored state read straight from LevelDB, and small edit helpers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import * as Y from 'yjs';
import { openStorageFor, storageEnvFor, useTestStorage } from '../testing/storage.ts';
import { getVision, richTextToPlain } from '../../shared/schema.ts';
import { REPO } from '../testing/harness.ts';

useTestStorage();

export interface ServerMetrics {
  rssMb: number;
  heapMb: number;
  elP99Ms: number;
  elMaxMs: number;
  rooms: number;
}

export interface FixtureServer {
  child: ChildProcess;
  url: string;
  wsUrl: string;
  metrics: ServerMetrics[];
  /** Log lines at level error or above (pino JSON on stdout). */
  errors: string[];
  /** Everything the child wrote to stderr (errors are a test failure in most tests). */
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A port that was free a moment ago (bound and released), for a fixed-URL restart. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function spawnFixture(env: Record<string, string>): Promise<FixtureServer> {
  const storageEnv = env.DATA_DIR ? await storageEnvFor(env.DATA_DIR) : {};
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures/openServer.ts')], {
    cwd: REPO,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', SEED: 'none', LOG_LEVEL: 'error', ...storageEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const metrics: ServerMetrics[] = [];
  const errors: string[] = [];
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let pending = '';
    let started = false;
    const timer = setTimeout(() => reject(new Error(`fixture did not start: ${err}`)), 30_000);
    child.stdout.on('data', (d) => {
      pending += d;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('METRICS ')) metrics.push(JSON.parse(line.slice(8)));
        else if (/^\{.*"level":(50|60)/.test(line)) errors.push(line);
        const m = /^listening on (http:\/\/\S+)/.exec(line);
        if (m && !started) {
          started = true;
          clearTimeout(timer);
          resolve(m[1]);
        }
      }
    });
    void exited.then(({ code, signal }) => {
      if (!started) reject(new Error(`fixture exited (${code ?? signal}) before listening: ${err}`));
    });
  });
  return { child, url, wsUrl: url.replace(/^http/, 'ws') + '/sync', metrics, errors, stderr: () => err, exited };
}

export interface HealthStats {
  polls: number;
  failures: number;
  slowest: number;
}

/**
 * Polls /api/health every `everyMs` until stopped; a poll that takes longer than `timeoutMs` or
 * fails counts as a failure. One poll at a time, so a stalled server shows as one long poll.
 */
export function pollHealth(url: string, everyMs = 100, timeoutMs = 1000): { stop(): Promise<HealthStats> } {
  const stats: HealthStats = { polls: 0, failures: 0, slowest: 0 };
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      try {
        const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(timeoutMs) });
        await res.text();
        if (res.status !== 200) stats.failures++;
      } catch {
        stats.failures++;
      }
      stats.slowest = Math.max(stats.slowest, performance.now() - t0);
      stats.polls++;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return stats;
    },
  };
}

/**
 * Every stored document rebuilt from the storage directly (LevelDB or PostgreSQL, as TEST_STORAGE
 * says; the server must be stopped): records are
 * applied one by one, so one that cannot be applied is reported rather than hidden by a merge.
 */
export async function readStoredDocs(
  dataDir: string,
): Promise<{ docs: Map<string, Y.Doc>; failures: string[]; quarantined: number }> {
  const storage = await openStorageFor(dataDir);
  const store = storage.docs;
  const docs = new Map<string, Y.Doc>();
  const failures: string[] = [];
  let quarantined = 0;
  try {
    for (const id of await store.listDocs()) {
      const doc = new Y.Doc();
      for (const r of await store.load(id)) {
        try {
          Y.applyUpdate(doc, r.data);
        } catch (err) {
          failures.push(`${id}#${r.seq}: ${(err as Error).message}`);
        }
      }
      quarantined += (await store.quarantined(id)).length;
      docs.set(id, doc);
    }
  } finally {
    await storage.close();
  }
  return { docs, failures, quarantined };
}

/** Appends one paragraph holding `text` to the vision (schema-valid rich text). */
export function typeLine(doc: Y.Doc, text: string): void {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  getVision(doc).push([p]);
}

export const visionText = (doc: Y.Doc) => richTextToPlain(getVision(doc));

export const sameState = (a: Y.Doc, b: Y.Doc) =>
  Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b))) && visionText(a) === visionText(b);

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
