/**
 * `npm run bench:client`: Charter's web app beside a floor page in the same Chromium, against the
 * same server (issue 17). The floor (bench/client/floor) is the vision's Tiptap + Collaboration +
 * CollaborationCaret editor bound to the same plan with nothing else on the page.
 *
 * Per run, for each page: cold load to an editable editor on localhost and under DevTools
 * throttling (1.6 Mbps, 150 ms, 4× CPU), bytes on the wire, script time per keystroke while ten
 * remote clients move carets in the vision and type in the principles, and script time per second
 * spent on remote carets alone. Sign-in page bytes for Charter. Figures are medians of
 * BENCH_CLIENT_RUNS runs (default 3) with their range; written to bench/client-results.md.
 * Bounded: every wait has a deadline and the whole run stops after BENCH_CLIENT_DEADLINE_MS.
 * Not part of `npm test`; nothing here asserts a time.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import type { Browser } from 'playwright-core';
import { builtClientDir, REPO } from '../../e2e/support/buildClient.ts';
import { launchBrowser } from '../../e2e/support/browser.ts';
import { startCharter } from '../../e2e/support/server.ts';
import { RemoteCrowd } from './remoteClients.ts';
import {
  countBytes,
  loadUntilEditable,
  newPerson,
  pause,
  scriptMs,
  settle,
  throttle,
  type Bytes,
  type PageKind,
} from './measure.ts';

const REL = 'acme-globex';
const MEASURED = 'ben@acme.example';
const RUNS = Number(process.env.BENCH_CLIENT_RUNS ?? 3);
const DEADLINE_MS = Number(process.env.BENCH_CLIENT_DEADLINE_MS ?? 20 * 60_000);
const KEYS = 40;
const KEY_DELAY_MS = 100;
const IDLE_WINDOW_MS = 3000;
const PRESENCE_WINDOW_MS = 6000;
const RESULTS = process.env.BENCH_CLIENT_RESULTS ?? path.join(REPO, 'bench/client-results.md');

const KINDS: PageKind[] = [
  { name: 'charter', path: `/relationships/${REL}` },
  { name: 'floor', path: `/floor/?rel=${REL}` },
];

type Series = Record<string, number[]>;
const figures: Record<'charter' | 'floor' | 'signin', Series> = { charter: {}, floor: {}, signin: {} };
const add = (who: keyof typeof figures, key: string, v: number) => (figures[who][key] ??= []).push(v);

/** Charter's production build plus the floor page at /floor/, served by the same server. */
async function clientWithFloor(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'charter-bench-client-'));
  cpSync(builtClientDir(), dir, { recursive: true });
  const { compression } = await import('vite-plugin-compression2');
  await build({
    configFile: false,
    root: path.join(REPO, 'bench/client/floor'),
    base: '/floor/',
    logLevel: 'warn',
    plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024 })],
    build: { outDir: path.join(dir, 'floor'), emptyOutDir: true },
  });
  return dir;
}

async function coldLoad(browser: Browser, baseUrl: string, kind: PageKind, throttled: boolean): Promise<void> {
  const { context, page, cdp } = await newPerson(browser, baseUrl, MEASURED);
  try {
    const bytes = await countBytes(cdp);
    if (throttled) await throttle(cdp);
    const ms = await loadUntilEditable(page, kind.path);
    add(kind.name, throttled ? 'loadThrottledMs' : 'loadMs', ms);
    if (!throttled) {
      await settle(page);
      const b = bytes();
      add(kind.name, 'jsKB', b.js / 1024);
      add(kind.name, 'totalKB', b.total / 1024);
    }
  } finally {
    await context.close();
  }
}

async function signInBytes(browser: Browser, baseUrl: string): Promise<void> {
  const { context, page, cdp } = await newPerson(browser, baseUrl, null);
  try {
    const bytes = await countBytes(cdp);
    await page.goto('/sign-in', { waitUntil: 'commit' });
    await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 60_000 });
    await settle(page);
    const b: Bytes = bytes();
    add('signin', 'jsKB', b.js / 1024);
    add('signin', 'totalKB', b.total / 1024);
  } finally {
    await context.close();
  }
}

/** Script time per keystroke while the crowd is active, net of what the crowd alone costs. */
async function keystrokes(browser: Browser, baseUrl: string, kind: PageKind, crowd: RemoteCrowd): Promise<void> {
  const { context, page, cdp } = await newPerson(browser, baseUrl, MEASURED);
  try {
    await loadUntilEditable(page, kind.path);
    await settle(page);
    await cdp.send('Performance.enable');
    const editor = page.locator('[data-testid="editor-vision"]');
    await editor.click();
    await page.keyboard.press('Control+End');
    crowd.set({ cursors: true, typing: true });
    await pause(1000);
    const t0 = Date.now();
    const s0 = await scriptMs(cdp);
    await pause(IDLE_WINDOW_MS);
    const t1 = Date.now();
    const s1 = await scriptMs(cdp);
    await page.keyboard.type('x'.repeat(KEYS), { delay: KEY_DELAY_MS });
    const t2 = Date.now();
    const s2 = await scriptMs(cdp);
    crowd.stop();
    const background = ((s1 - s0) / (t1 - t0)) * (t2 - t1);
    add(kind.name, 'keyMs', Math.max(0, s2 - s1 - background) / KEYS);
    add(kind.name, 'keyGrossMs', (s2 - s1) / KEYS);
  } finally {
    crowd.stop();
    await context.close();
  }
}

/** Script time per second spent on remote carets: crowd moving carets minus the page idle. */
async function presence(browser: Browser, baseUrl: string, kind: PageKind, crowd: RemoteCrowd): Promise<void> {
  const { context, page, cdp } = await newPerson(browser, baseUrl, MEASURED);
  try {
    await loadUntilEditable(page, kind.path);
    await settle(page);
    await cdp.send('Performance.enable');
    await pause(1000);
    let t = Date.now();
    let s = await scriptMs(cdp);
    await pause(IDLE_WINDOW_MS);
    const idleRate = ((await scriptMs(cdp)) - s) / (Date.now() - t);
    crowd.set({ cursors: true, typing: false });
    await pause(1000);
    t = Date.now();
    s = await scriptMs(cdp);
    await pause(PRESENCE_WINDOW_MS);
    const rate = ((await scriptMs(cdp)) - s) / (Date.now() - t);
    add(kind.name, 'presenceMsPerS', Math.max(0, rate - idleRate) * 1000);
  } finally {
    crowd.stop();
    await context.close();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function cell(xs: number[] | undefined, digits = 1): string {
  if (!xs || xs.length === 0) return '—';
  const f = (n: number) => n.toFixed(digits);
  return xs.length === 1 ? f(xs[0]) : `${f(median(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;
}

function report(): string {
  const c = figures.charter;
  const f = figures.floor;
  const s = figures.signin;
  const ratio = (a?: number[], b?: number[]) => (a?.length && b?.length && median(b) > 0 ? median(a) / median(b) : NaN);
  const keyRatio = ratio(c.keyMs, f.keyMs);
  const presRatio = ratio(c.presenceMsPerS, f.presenceMsPerS);
  const met = (ok: boolean) => (ok ? 'met' : '**not met**');
  const rows = [
    `| JS per keystroke, net of the crowd (ms) | ${cell(c.keyMs, 2)} | ${cell(f.keyMs, 2)} | ${keyRatio.toFixed(2)}× | ≤ 1.5× floor | ${met(keyRatio <= 1.5)} |`,
    `| JS per keystroke, gross (ms) | ${cell(c.keyGrossMs, 2)} | ${cell(f.keyGrossMs, 2)} | ${ratio(c.keyGrossMs, f.keyGrossMs).toFixed(2)}× | | |`,
    `| remote carets, main-thread script (ms per s) | ${cell(c.presenceMsPerS, 2)} | ${cell(f.presenceMsPerS, 2)} | ${presRatio.toFixed(2)}× | ≤ 1.5× floor | ${met(presRatio <= 1.5)} |`,
    `| cold load to editable, localhost (ms) | ${cell(c.loadMs, 0)} | ${cell(f.loadMs, 0)} | | | |`,
    `| cold load to editable, throttled (ms) | ${cell(c.loadThrottledMs, 0)} | ${cell(f.loadThrottledMs, 0)} | | ≤ 6000 ms | ${met(median(c.loadThrottledMs ?? [Infinity]) <= 6000)} |`,
    `| plan page JS on the wire (KB) | ${cell(c.jsKB)} | ${cell(f.jsKB)} | | | |`,
    `| plan page, all bytes on the wire (KB) | ${cell(c.totalKB)} | ${cell(f.totalKB)} | | | |`,
    `| sign-in page JS on the wire (KB) | ${cell(s.jsKB)} | — | | ≤ 200 KB | ${met(median(s.jsKB ?? [Infinity]) <= 200)} |`,
    `| sign-in page, all bytes on the wire (KB) | ${cell(s.totalKB)} | — | | | |`,
  ];
  const load = os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');
  return [
    '# Client benchmark: Charter beside the floor page',
    '',
    `Written by \`npm run bench:client\` on ${new Date().toISOString()}: ${RUNS} runs, median (min–max). ` +
      `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), load average at the end ${load}. ` +
      'Chromium headless; ten remote clients (5 moving carets in the vision, 5 typing in the principles, 5 actions/s each).',
    '',
    '| figure | Charter | floor | Charter / floor | target | |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const deadline = setTimeout(() => {
    console.error(`bench:client: stopped after ${DEADLINE_MS} ms`);
    process.exit(1);
  }, DEADLINE_MS);
  deadline.unref();

  console.log('bench:client: building Charter and the floor page…');
  const dir = await clientWithFloor();
  const server = await startCharter(dir);
  let browser: Browser | null = null;
  let crowd: RemoteCrowd | null = null;
  try {
    browser = await launchBrowser();
    crowd = await RemoteCrowd.join(
      server.url,
      REL,
      ['cara@globex.example', 'dan@globex.example', 'ada@acme.example'],
      5,
      5,
    );
    for (let run = 1; run <= RUNS; run++) {
      // Alternate which page goes first, so drift in the machine's load falls on both.
      const order = run % 2 ? KINDS : [...KINDS].reverse();
      console.log(`bench:client: run ${run}/${RUNS}`);
      await signInBytes(browser, server.url);
      for (const kind of order) await coldLoad(browser, server.url, kind, false);
      for (const kind of order) await coldLoad(browser, server.url, kind, true);
      for (const kind of order) await keystrokes(browser, server.url, kind, crowd);
      for (const kind of order) await presence(browser, server.url, kind, crowd);
    }
    const text = report();
    writeFileSync(RESULTS, text);
    console.log(`\n${text}\nWritten to ${path.relative(REPO, RESULTS)}`);
  } finally {
    crowd?.destroy();
    await browser?.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    clearTimeout(deadline);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
