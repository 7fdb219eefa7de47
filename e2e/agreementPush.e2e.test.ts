/**
 * Signatures and new versions reach the other party live, in Chromium against the real server:
 * a signature changes no Y.Doc, so it travels over the plan's event stream (SSE), not over sync.
 * The fallback poll runs every 60 s, so what appears within the bound below came by the stream. The bound is a limit on a wait, not a speed measurement.
 * Fails on any browser console error (the stream must be quiet, opening and closing).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2E } from './support/fixture.ts';
import { openPlan } from './support/browser.ts';

const REL = 'acme-globex';
const VERSION_NAME = 'Signed live at the workshop';
/** Well under the 10 s poll this replaces, and far under the 60 s fallback. */
const PUSHED = { timeout: 5_000, interval: 100 };
/** Steps that are not what this test is about: generous, the machine runs other suites at once. */
const WAIT = { timeout: 60_000 };

const e2e = useE2E();

const agreementText = (page: Page) => page.getByTestId('agreement-text');
const versionRow = (page: Page) =>
  page.getByTestId('version-list').locator('button[data-kind="named"]').filter({ hasText: VERSION_NAME });

async function signOpenVersion(page: Page): Promise<void> {
  await page.getByTestId('version-sign').click();
  await page.getByTestId('history-confirm-ok').click();
  await page.getByTestId('history-done').waitFor(WAIT);
}

describe('agreement push', { timeout: 300_000 }, () => {
  it('one admin names and signs a version; the other party sees the version and the signature appear without a reload', async () => {
    const ada = await e2e.person('ada@acme.example');
    const cara = await e2e.person('cara@globex.example');
    await openPlan(ada.page, REL);
    await openPlan(cara.page, REL);
    // Both plan pages hold a stream before anyone acts, so nothing below can be a first load.
    await expect.poll(() => e2e.server.app.fastify.planEvents?.size(REL), WAIT).toBe(2);

    // Cara watches the history list while Ada names a version: the row arrives by itself.
    await cara.page.getByTestId('open-history').click();
    await cara.page.getByTestId('version-list').waitFor(WAIT);
    await ada.page.getByTestId('open-history').click();
    await ada.page.getByTestId('version-name-input').fill(VERSION_NAME);
    await ada.page.getByTestId('version-name-save').click();
    await ada.page.getByTestId('version-name-saved').waitFor(WAIT);
    await expect.poll(() => versionRow(cara.page).count(), PUSHED).toBe(1);
    await cara.page.keyboard.press('Escape');
    expect(await agreementText(cara.page).count()).toBe(0);

    // Ada signs for Acme; Cara, on the plan, sees the pending agreement appear.
    await versionRow(ada.page).click();
    await signOpenVersion(ada.page);
    await ada.page.keyboard.press('Escape');
    await expect
      .poll(async () => ((await agreementText(cara.page).count()) ? agreementText(cara.page).innerText() : ''), PUSHED)
      .toMatch(/^Signed by Acme Retail \(Ada Lovelace, .+\); awaiting Globex Supply$/);

    // Cara signs the same version for Globex; now Ada's page turns "Agreed" by itself.
    await cara.page.getByTestId('agreement-view').click();
    await signOpenVersion(cara.page);
    await expect
      .poll(() => agreementText(ada.page).innerText(), PUSHED)
      .toMatch(/^Agreed by Acme Retail \(Ada Lovelace, .+\) and Globex Supply \(Cara Jensen, .+\)$/);
  });
});
