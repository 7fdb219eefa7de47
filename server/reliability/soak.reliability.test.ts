/**
 * Soak: many stock clients over many documents, editing and moving their presence for a bounded
 * time against the real server (a child process that reports its own RSS and event-loop delay
 * every second). After a warm-up the server must stay flat: RSS within a generous bound of the
 * warm-up baseline, no client closed, no error logged, and at the end every document's clients
 * agree and hold every edit. Event-loop delay is printed beside it but not bounded: on a shared
 * machine it follows whatever else runs there, so a bound on it fails on load, not on a leak.
 *
 * Size: SOAK_CONNECTIONS (300), SOAK_DOCS (100), SOAK_SECONDS (60, warm-up included).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { connectClient, tempDir, waitFor, type TestClient } from '../testing/harness.ts';
import {
  sameState,
  sleep,
  spawnFixture,
  typeLine,
  visionText,
  type FixtureServer,
  type ServerMetrics,
} from './support.ts';

const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 300);
const DOCS = Number(process.env.SOAK_DOCS ?? 100);
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const WARMUP_SECONDS = Math.max(10, Math.round(SECONDS / 4));
/** Each client edits about this often (so CONNECTIONS / EDIT_EVERY_S edits a second in all). */
const EDIT_EVERY_S = 3;

let server: FixtureServer | null = null;
const clients: TestClient[] = [];
let dataDir = '';

afterAll(async () => {
  for (const c of clients) c.destroy();
  if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
};

describe('soak', () => {
  it(
    `${CONNECTIONS} connections over ${DOCS} documents for ${SECONDS} s stay flat`,
    async () => {
      dataDir = await tempDir('charter-soak-');
      server = await spawnFixture({
        DATA_DIR: dataDir,
        METRICS_INTERVAL_MS: '1000',
        // All soak clients share the fixture's one user; the cap is not what is measured here.
        MAX_SYNC_CONNECTIONS_PER_USER: String(CONNECTIONS + 10),
        // Documents whose clients all left are unloaded soon, so churn also exercises reloads.
        IDLE_UNLOAD_MS: '2000',
      });

      // Connect in waves, as a fleet of browsers would arrive, not all in one tick.
      for (let i = 0; i < CONNECTIONS; i++) {
        clients.push(connectClient(server.wsUrl, `soak-${i % DOCS}`));
        if (i % 50 === 49) await Promise.all(clients.slice(i - 49).map((c) => c.synced()));
      }
      await Promise.all(clients.map((c) => c.synced()));
      const closesAtStart = clients.reduce((n, c) => n + c.closes.length, 0);

      const made: string[][] = clients.map(() => []);
      let running = true;
      const timers: NodeJS.Timeout[] = [];
      clients.forEach((c, i) => {
        const tick = () => {
          if (!running) return;
          const line = `s${i}:${made[i].length}`;
          typeLine(c.doc, line);
          made[i].push(line);
          // Presence moves too, as a cursor would.
          c.provider.awareness.setLocalStateField('cursor', { at: made[i].length });
          timers[i] = setTimeout(
            tick,
            EDIT_EVERY_S * 1000 * (0.5 + ((i * 7919 + made[i].length * 104729) % 1000) / 1000),
          );
        };
        timers[i] = setTimeout(tick, (i * 37) % (EDIT_EVERY_S * 1000));
      });

      // Churn: every two seconds a few clients drop and come back half a second later (they keep
      // typing offline); the connect/disconnect path is where leaks like to hide.
      let churned = 0;
      const churn = setInterval(() => {
        for (let k = 0; k < 5; k++) {
          const c = clients[(churned * 5 + k * 61) % CONNECTIONS];
          c.provider.disconnect();
          setTimeout(() => c.provider.connect(), 500);
        }
        churned++;
      }, 2000);

      const t0 = performance.now();
      const metricsFrom = server.metrics.length;
      await sleep(SECONDS * 1000);
      running = false;
      clearInterval(churn);
      timers.forEach((t) => clearTimeout(t));
      await sleep(600);
      await waitFor(() => clients.every((c) => c.provider.synced), 30_000, 'churned clients to be back');
      const window: ServerMetrics[] = server.metrics.slice(metricsFrom);

      // Converge: every client of a document equal, holding every line typed there.
      const wanted = Array.from({ length: DOCS }, (_, d) => made.filter((_, i) => i % DOCS === d).flat());
      await waitFor(
        () =>
          clients.every((c, i) => {
            const d = i % DOCS;
            if (!sameState(c.doc, clients[d].doc)) return false;
            if (i >= DOCS) return true; // content checked once per document
            const lines = new Set(visionText(c.doc).split('\n'));
            return wanted[d].every((l) => lines.has(l));
          }),
        60_000,
        'every document to converge',
      );
      const total = made.reduce((n, m) => n + m.length, 0);
      let present = 0;
      for (let d = 0; d < DOCS; d++) {
        const lines = new Set(visionText(clients[d].doc).split('\n'));
        present += wanted[d].filter((l) => lines.has(l)).length;
      }

      const warm = window.slice(Math.max(0, WARMUP_SECONDS - 5), WARMUP_SECONDS);
      const late = window.slice(-Math.max(5, Math.round(window.length / 3)));
      const baseRss = median(warm.map((m) => m.rssMb));
      const lateRss = median(late.map((m) => m.rssMb));
      const peakRss = Math.max(...window.map((m) => m.rssMb));
      const baseP99 = median(warm.map((m) => m.elP99Ms));
      const lateP99 = median(late.map((m) => m.elP99Ms));
      const worst = Math.max(...window.map((m) => m.elMaxMs));
      const closes = clients.reduce((n, c) => n + c.closes.length, 0) - closesAtStart;
      console.log(
        `[soak] ${CONNECTIONS} connections, ${DOCS} docs, ${((performance.now() - t0) / 1000).toFixed(0)} s: edits made=${total} present=${present}; ` +
          `server RSS warm ${baseRss} MB → late ${lateRss} MB (peak ${peakRss} MB); event-loop p99 warm ${baseP99} ms → late ${lateP99} ms, worst ${worst} ms; ` +
          `${churned * 5} reconnects by churn; unexpected client closes ${closes}; server errors ${server.errors.length}`,
      );

      expect(present).toBe(total);
      expect(closes).toBe(0);
      expect(server.errors).toEqual([]);
      expect(server.child.exitCode).toBeNull();
      // Flat, with room for noise: growth well below what a leak per edit or per message would
      // show over this many edits.
      expect(lateRss).toBeLessThan(baseRss * 1.5 + 40);
    },
    SECONDS * 1000 + 180_000,
  );
});
