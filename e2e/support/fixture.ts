/**
 * The set-up every e2e file shares: one real Charter server (demo seed, temporary DATA_DIR) and one
 * Chromium per file, a fresh signed-in browser context per person per test, and a test that fails
 * on any console error, console warning or uncaught page error those people saw.
 *
 *   const e2e = useE2E();          // at the top of the file: registers beforeAll/afterEach/afterAll
 *   it('…', async () => {
 *     const ada = await e2e.person('ada@acme.example');         // signed in, on the relationships home
 *     const cara = await e2e.person('cara@globex.example', { width: 390, height: 844 });
 *     await openPlan(ada.page, 'acme-globex');                   // from ./browser.ts
 *     await ada.context.request.post(`${e2e.baseUrl}/api/…`);
 *   });
 *
 * `person` and `guest` may be destructured at the top of a file; `server`, `browser` and `baseUrl`
 * exist only once beforeAll has run, so read them inside tests. An error a test expects (a refused
 * request, say) is removed from `person.errors` by that test before it ends.
 * For a different lifecycle, `startE2E()` gives the same object without registering hooks.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openAs, openSignedOut, type Person, type Viewport } from './browser.ts';
import { startCharter, type RunningServer } from './server.ts';

export interface E2E {
  server: RunningServer;
  browser: Browser;
  /** The server's origin (http://127.0.0.1:PORT), the one it allows for cookies and the sync socket. */
  baseUrl: string;
  /** A fresh context signed in as `email` through the demo list; closed after the test. */
  person: (email: string, viewport?: Viewport) => Promise<Person>;
  /** A fresh context, not signed in and not navigated yet, its errors labelled `name`; closed after the test. */
  guest: (name: string, viewport?: Viewport) => Promise<Person>;
  /** Closes every context opened since the last call and returns the errors they saw. */
  closePeople: () => Promise<string[]>;
  /** Closes the people, the browser and the server (removing its DATA_DIR). */
  close: () => Promise<void>;
}

/** A server and a browser for one test file; the server is stopped again if the browser fails to start. */
export async function startE2E(): Promise<E2E> {
  const server = await startCharter();
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await server.stop();
    throw err;
  }
  let people: Person[] = [];
  const track = (p: Person) => (people.push(p), p);
  const closePeople = async () => {
    const closing = people;
    people = [];
    const errors = closing.flatMap((p) => p.errors);
    await Promise.all(closing.map((p) => p.context.close()));
    return errors;
  };
  return {
    server,
    browser,
    baseUrl: server.url,
    person: async (email, viewport) => track(await openAs(browser, server.url, email, viewport)),
    guest: async (name, viewport) => track(await openSignedOut(browser, server.url, name, viewport)),
    closePeople,
    async close() {
      await closePeople();
      await browser.close();
      await server.stop();
    },
  };
}

/** startE2E() wired into the file's vitest hooks; see the header for use. */
export function useE2E(): E2E {
  let current: E2E | undefined;
  const get = (): E2E => {
    if (!current) throw new Error('useE2E(): the server and browser start in beforeAll; use them inside a test');
    return current;
  };

  // Building the client (first file only) and starting Chromium on a busy 2-core machine is slow.
  beforeAll(async () => {
    current = await startE2E();
  }, 240_000);
  afterEach(async () => {
    const errors = (await current?.closePeople()) ?? [];
    expect(errors, 'browser console errors').toEqual([]);
  });
  afterAll(async () => {
    await current?.close();
    current = undefined;
  });

  return {
    get server() {
      return get().server;
    },
    get browser() {
      return get().browser;
    },
    get baseUrl() {
      return get().baseUrl;
    },
    person: (email, viewport) => get().person(email, viewport),
    guest: (name, viewport) => get().guest(name, viewport),
    closePeople: () => get().closePeople(),
    close: () => get().close(),
  };
}
