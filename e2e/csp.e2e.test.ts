/**
 * The production build under the server's Content Security Policy, in Chromium: a person signs in
 * through the form, opens a live plan over the sync socket, and the page violates nothing.
 *
 * "Nothing" is read after a positive barrier: once the plan is live the test breaks the policy on
 * purpose (an inline script) and waits for that report. Reports come in the order the page made
 * them, so when the deliberate one arrives every earlier one has too, and it must be the only one.
 * That also proves the listener works: a test that listened to nothing would pass on anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, watchErrors } from './support/browser.ts';
import { startCharter, type RunningServer } from './support/server.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startCharter();
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const MARKER = 'window.__cspMarker = 1';

describe('the built web client under its CSP (Chromium)', { timeout: 120_000 }, () => {
  it('signs in, opens a live plan over the websocket, and violates nothing', async () => {
    const context = await browser.newContext({ baseURL: server.url, reducedMotion: 'reduce' });
    try {
      const page = await context.newPage();
      const violations: Array<{ directive: string; blocked: string; sample: string }> = [];
      await page.exposeFunction('reportViolation', (v: { directive: string; blocked: string; sample: string }) => {
        violations.push(v);
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) =>
          (window as unknown as { reportViolation(v: object): void }).reportViolation({
            directive: e.effectiveDirective,
            blocked: e.blockedURI,
            sample: e.sample,
          }),
        );
      });
      // CSP violations also show as console errors; the marker's is expected, the rest are not.
      const errors: string[] = [];
      watchErrors(page, errors, 'ada');
      const sockets: string[] = [];
      page.on('websocket', (ws) => sockets.push(ws.url()));

      // Sign in the way a person does, so the client's own session handling runs too.
      await page.goto('/sign-in');
      await page.getByLabel('Email').fill('ada@acme.example');
      await page.getByLabel('Password', { exact: false }).first().fill('demo-password');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByTestId('user-menu').waitFor();
      await page.goto('/relationships/acme-globex');
      await page.getByTestId('editor-vision').waitFor();
      await page.locator('[data-testid="connection-state"][data-status="live"]').waitFor();
      expect(sockets.some((u) => u.includes('/sync/acme-globex'))).toBe(true);

      // The barrier: a violation the page must report, after everything it loaded so far.
      await page.evaluate((code) => {
        const s = document.createElement('script');
        s.textContent = code;
        document.head.append(s);
      }, MARKER);
      await expect.poll(() => violations.length).toBeGreaterThan(0);
      await expect.poll(() => violations.some((v) => v.blocked === 'inline')).toBe(true);
      expect(await page.evaluate(() => (window as unknown as { __cspMarker?: number }).__cspMarker)).toBeUndefined();
      expect(violations).toEqual([{ directive: 'script-src-elem', blocked: 'inline', sample: expect.any(String) }]);
      expect(errors.filter((e) => !/Content Security Policy/.test(e) || !/inline/i.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
