/**
 * Chromium for the e2e suite: one browser, a fresh context (its own profile, cookies, IndexedDB)
 * per person, and every console error, console warning or page error collected so a test can fail
 * on them.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO } from './buildClient.ts';

export const ARTIFACTS = path.join(REPO, 'e2e/artifacts');

/**
 * The Chromium the e2e tier drives. Missing, it is an error, never a skip: a suite that skips its
 * browser tests on a machine without a browser reports green having tested nothing.
 */
export function chromiumPath(): string {
  const executable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executable))
    throw new Error(
      `The end-to-end tests need Chromium at ${executable}, and there is none. Install it ` +
        `(apt-get install chromium, as .ci/run does) or point CHROMIUM_PATH at one.`,
    );
  return executable;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

export interface Person {
  context: BrowserContext;
  page: Page;
  /** The signed-in person's email; for a context opened signed out, the label given to it. */
  email: string;
  /** Console errors and warnings and uncaught page errors seen so far. */
  errors: string[];
}

export function watchErrors(page: Page, errors: string[], who: string): void {
  page.on('console', (msg) => {
    const type = msg.type();
    if (type === 'error' || type === 'warning')
      errors.push(
        `[${who}] console.${type === 'warning' ? 'warn' : 'error'}: ${msg.text()} (${msg.location().url || 'no url'})`,
      );
  });
  page.on('pageerror', (err) => errors.push(`[${who}] pageerror: ${err.message}`));
}

export interface Viewport {
  width: number;
  height: number;
}

const DESKTOP: Viewport = { width: 1440, height: 900 };

/** A fresh context and page, not signed in and not navigated yet; errors are labelled `who`. */
export async function openSignedOut(
  browser: Browser,
  baseUrl: string,
  who: string,
  viewport: Viewport = DESKTOP,
): Promise<Person> {
  const context = await browser.newContext({ viewport, baseURL: baseUrl, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors: string[] = [];
  watchErrors(page, errors, who);
  return { context, page, email: who, errors };
}

/** A fresh context signed in as `email`, on the relationships home. */
export async function openAs(
  browser: Browser,
  baseUrl: string,
  email: string,
  viewport: Viewport = DESKTOP,
): Promise<Person> {
  const person = await openSignedOut(browser, baseUrl, email, viewport);
  await person.page.goto('/');
  await signIn(person.page, email);
  return person;
}

/** Signs in through the demo list (one-click fill), as a workshop would. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByTestId(`demo-${email}`).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByTestId('user-menu').waitFor();
}

export async function openPlan(page: Page, relationshipId: string): Promise<void> {
  await page.getByTestId(`relationship-${relationshipId}`).getByRole('button', { name: 'Open plan' }).click();
  await page.getByTestId('editor-vision').waitFor();
  await page.locator('[data-testid="connection-state"][data-status="live"]').waitFor();
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}
