/**
 * What `npm run bench:client` measures in one Chromium page, through the DevTools protocol:
 * bytes on the wire per resource type, time to an editable editor, and main-thread script time
 * (Performance.getMetrics ScriptDuration, which counts every task's JavaScript, including the
 * microtasks and timers a keystroke schedules).
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';

export interface PageKind {
  name: 'charter' | 'floor';
  path: string;
}

export interface Bytes {
  js: number;
  css: number;
  font: number;
  other: number;
  total: number;
}

/** DevTools' profile: 1.6 Mbps down, 750 kbps up, 150 ms latency, CPU 4× slower. */
export const THROTTLED = {
  latency: 150,
  downloadThroughput: (1.6e6 / 8) | 0,
  uploadThroughput: (750e3 / 8) | 0,
  cpuRate: 4,
};

const EDITABLE = '[data-testid="editor-vision"][contenteditable="true"]';
const WAIT_MS = 90_000;

export async function newPerson(
  browser: Browser,
  baseUrl: string,
  email: string | null,
): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    baseURL: baseUrl,
    reducedMotion: 'reduce',
  });
  if (email) {
    const res = await context.request.post(`${baseUrl}/api/auth/login`, { data: { email, password: 'demo-password' } });
    if (!res.ok()) throw new Error(`login ${email}: ${res.status()}`);
    // What the app leaves after a sign-in (auth/session.tsx): a returning user, who has the
    // session cookie, also has this hint, so the app asks /api/me at once.
    await context.addInitScript(() => localStorage.setItem('charter:has-session', '1'));
  }
  const page = await context.newPage();
  // A page that never becomes editable says why in the timeout's message.
  const problems: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
  page.on('pageerror', (e) => void problems.push(e.message));
  (page as Page & { problems?: string[] }).problems = problems;
  const cdp = await context.newCDPSession(page);
  return { context, page, cdp };
}

/** Counts the encoded (on-the-wire) bytes of every response from now on, by resource type. */
export async function countBytes(cdp: CDPSession): Promise<() => Bytes> {
  const types = new Map<string, string>();
  const bytes: Bytes = { js: 0, css: 0, font: 0, other: 0, total: 0 };
  await cdp.send('Network.enable');
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', (e) => {
    const type = types.get(e.requestId);
    const n = e.encodedDataLength;
    bytes.total += n;
    if (type === 'Script') bytes.js += n;
    else if (type === 'Stylesheet') bytes.css += n;
    else if (type === 'Font') bytes.font += n;
    else bytes.other += n;
  });
  return () => ({ ...bytes });
}

export async function throttle(cdp: CDPSession): Promise<void> {
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: THROTTLED.latency,
    downloadThroughput: THROTTLED.downloadThroughput,
    uploadThroughput: THROTTLED.uploadThroughput,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLED.cpuRate });
}

/** Navigates and resolves with the page's own clock (ms since navigation start) when the vision editor is editable. */
export async function loadUntilEditable(page: Page, path: string): Promise<number> {
  await page.goto(path, { waitUntil: 'commit', timeout: WAIT_MS });
  const handle = await page
    .waitForFunction((sel) => (document.querySelector(sel) ? performance.now() : false), EDITABLE, {
      polling: 'raf',
      timeout: WAIT_MS,
    })
    .catch((err: Error) => {
      const problems = (page as Page & { problems?: string[] }).problems ?? [];
      throw new Error(`${path} never became editable (${err.message}); page errors: ${problems.join(' | ') || 'none'}`);
    });
  return (await handle.jsonValue()) as number;
}

export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: WAIT_MS }).catch(() => {});
}

/** Cumulative main-thread script time of the page, in ms. */
export async function scriptMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000;
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
