/**
 * Chaos: 20 stock y-websocket clients edit 5 documents while the server process is killed with
 * SIGKILL and restarted three times on the same port and DATA_DIR. Clients reconnect on their own
 * (the provider's backoff) and keep typing while the server is down. At the end every client of a
 * document, and the state stored in LevelDB (read after one more SIGKILL, so nothing is flushed
 * on the way out), are identical and hold every edit any client made.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { connectClient, tempDir, waitFor, type TestClient } from '../testing/harness.ts';
import {
  freePort,
  readStoredDocs,
  sameState,
  sleep,
  spawnFixture,
  typeLine,
  visionText,
  type FixtureServer,
} from './support.ts';

const CLIENTS = 20;
const DOCS = 5;
const KILLS = 3;
/** How long clients type between two kills, and while the server is down. */
const UP_MS = 2500;
const DOWN_MS = 700;

const clients: TestClient[] = [];
let server: FixtureServer | null = null;
let dataDir = '';

afterAll(async () => {
  for (const c of clients) c.destroy();
  if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('chaos', () => {
  it(`${CLIENTS} clients on ${DOCS} documents survive ${KILLS} kill -9 restarts with every edit`, async () => {
    dataDir = await tempDir('charter-chaos-');
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port) };
    server = await spawnFixture(env);
    const t0 = performance.now();

    const docOf = (i: number) => `chaos-${i % DOCS}`;
    for (let i = 0; i < CLIENTS; i++) clients.push(connectClient(server.wsUrl, docOf(i)));
    await Promise.all(clients.map((c) => c.synced()));

    // Each client types its own numbered lines on its own irregular clock (~7 a second): enough
    // to have edits in flight at every kill, few enough that 2 cores also run the server.
    const made: string[][] = clients.map(() => []);
    let typing = true;
    const timers = clients.map((c, i) => {
      const tick = () => {
        if (!typing) return;
        const line = `c${i}:${made[i].length}`;
        typeLine(c.doc, line);
        made[i].push(line);
        timer = setTimeout(tick, 100 + ((i * 37 + made[i].length * 13) % 100));
      };
      let timer = setTimeout(tick, i * 3);
      return () => clearTimeout(timer);
    });

    const restarts: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      await sleep(UP_MS);
      server.child.kill('SIGKILL');
      expect((await server.exited).signal).toBe('SIGKILL');
      await sleep(DOWN_MS); // clients keep editing offline and retry with backoff
      const r0 = performance.now();
      server = await spawnFixture(env);
      await waitFor(
        () => clients.every((c) => c.provider.wsconnected && c.provider.synced),
        60_000,
        'every client to reconnect and sync',
      );
      restarts.push(Math.round(performance.now() - r0));
    }
    await sleep(UP_MS);
    typing = false;
    timers.forEach((stop) => stop());

    // Every client of a document converges, holding every line typed into that document.
    const wanted = Array.from({ length: DOCS }, (_, d) => made.filter((_, i) => i % DOCS === d).flat());
    await waitFor(
      () =>
        clients.every((c, i) => {
          const d = i % DOCS;
          if (!sameState(c.doc, clients[d].doc)) return false;
          const lines = new Set(visionText(c.doc).split('\n'));
          return wanted[d].every((line) => lines.has(line));
        }),
      30_000,
      'clients to converge with every edit',
    );

    // Every edit was seen by at least one other client, so it was durable before it was relayed:
    // kill once more and read the store itself.
    server.child.kill('SIGKILL');
    await server.exited;
    for (const c of clients) c.provider.disconnect();
    const stored = await readStoredDocs(dataDir);
    expect(stored.failures).toEqual([]);
    expect(stored.quarantined).toBe(0);
    let present = 0;
    for (let d = 0; d < DOCS; d++) {
      const doc = stored.docs.get(`chaos-${d}`);
      expect(doc, `chaos-${d} stored`).toBeDefined();
      const lines = new Set(visionText(doc!).split('\n'));
      present += wanted[d].filter((l) => lines.has(l)).length;
      for (let i = d; i < CLIENTS; i += DOCS)
        expect(sameState(clients[i].doc, doc!), `client ${i} equals the store`).toBe(true);
    }
    const total = made.reduce((n, m) => n + m.length, 0);
    console.log(
      `[chaos] clients=${CLIENTS} docs=${DOCS} kills=${KILLS} edits made=${total} present=${present} ` +
        `restart-to-all-synced ms=${restarts.join('/')} total ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    expect(present).toBe(total);
  }, 150_000);
});
