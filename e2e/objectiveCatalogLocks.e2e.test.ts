/**
 * Issue 18 acceptance, in Chromium against the real server: an admin adds two objectives from
 * the company catalog, customises one (both companies see the marker) and locks it; the other
 * company's admin sees the lock and is offered no edit; a member records "86%" dated last month
 * and another entry today, and the chart shows them in date order with baseline and target; the
 * catalog changes and the plan's admin applies the update. Fails on any browser console error.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2E } from './support/fixture.ts';
import { artifactPath, openPlan } from './support/browser.ts';

const REL = 'acme-globex';
const PACKAGING = 'Move to recyclable transit packaging';
const INVOICES = 'Cut invoice errors';
const e2e = useE2E();
const person = (email: string) => e2e.person(email);

const card = (page: Page, title: string) =>
  page
    .locator('article[data-testid^="objective-"]')
    .filter({ has: page.getByTestId('objective-title').getByText(title, { exact: true }) });

/** YYYY-MM-DD on this machine's calendar (the browser runs on the same machine). */
const day = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Changes Acme's catalog through the REST API, signed in as the page's user. */
async function editCatalog(page: Page, change: (objectives: Array<Record<string, unknown>>) => void) {
  const url = '/api/companies/acme/account-plan-settings';
  const current = await page.evaluate(async (u) => {
    const r = await fetch(u);
    return {
      settings: (await r.json()) as { objectives: Array<Record<string, unknown>> },
      etag: r.headers.get('etag'),
    };
  }, url);
  change(current.settings.objectives);
  const status = await page.evaluate(
    async ({ u, body, etag }) =>
      (
        await fetch(u, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'if-match': etag ?? '' },
          body: JSON.stringify(body),
        })
      ).status,
    { u: url, body: current.settings, etag: current.etag },
  );
  expect(status).toBe(200);
}

describe('strategic objectives: catalog, locks, measurement', () => {
  it('catalog to plan, customised and locked across companies, dated progress, catalog update applied', async () => {
    const ada = await person('ada@acme.example');
    const cara = await person('cara@globex.example');
    const ben = await person('ben@acme.example');

    await editCatalog(ada.page, (objectives) => {
      objectives.push({
        title: 'Cut invoice errors',
        description: 'Invoices that need a correction before payment.',
        measure: { unit: '%', baseline: 4, target: 1, direction: 'decrease' },
      });
    });
    await openPlan(ada.page, REL);
    await openPlan(cara.page, REL);
    await openPlan(ben.page, REL);

    // Ada adds two objectives from Acme's catalog.
    await ada.page.getByTestId('objective-add-from-catalog').click();
    for (const title of [PACKAGING, INVOICES]) {
      await ada.page.getByTestId('catalog-entry').filter({ hasText: title }).getByTestId('catalog-entry-add').click();
      await card(ada.page, title).waitFor();
    }
    await ada.page.keyboard.press('Escape');
    await card(cara.page, PACKAGING).waitFor();
    await card(cara.page, INVOICES).waitFor();
    // Cara (Globex) cannot read Acme's catalog: no catalog button for her.
    expect(await cara.page.getByTestId('objective-add-from-catalog').count()).toBe(0);

    // Ada customises the packaging description; both companies see the marker.
    await card(ada.page, PACKAGING).getByTestId('objective-menu').click();
    await ada.page.getByTestId('objective-edit').click();
    const form = ada.page.getByTestId('objective-form');
    await form.getByLabel('Description').fill('For Globex: pallets and crates on the Rotterdam lane.');
    await ada.page.getByTestId('objective-save').click();
    await form.waitFor({ state: 'detached' });
    await card(ada.page, PACKAGING).getByTestId('objective-customised').waitFor();
    await card(cara.page, PACKAGING).getByTestId('objective-customised').waitFor();
    await card(cara.page, PACKAGING).getByTestId('objective-catalog-toggle').click();
    expect(await card(cara.page, PACKAGING).getByTestId('objective-catalog-text').innerText()).toContain(
      'Share of inbound volume shipped in recyclable or returnable packaging.',
    );

    // Ada locks it; Cara sees who locked it and is offered nothing that changes it.
    await card(ada.page, PACKAGING).getByTestId('objective-menu').click();
    await ada.page.getByTestId('objective-lock').click();
    const caraLock = card(cara.page, PACKAGING).getByTestId('objective-lock-badge');
    await caraLock.waitFor();
    expect(await caraLock.innerText()).toContain('Ada Lovelace');
    expect(await card(cara.page, PACKAGING).getByTestId('objective-menu').count()).toBe(0);
    expect(await card(ada.page, PACKAGING).getAttribute('data-locked')).toBe('true');

    // Ben records today's value first, then "86%" as of last month.
    const today = new Date();
    const lastMonth = new Date(today.getFullYear(), today.getMonth() - 1, Math.min(today.getDate(), 28));
    const benCard = card(ben.page, PACKAGING);
    for (const [value, asOf] of [
      ['88 %', null],
      ['86%', day(lastMonth)],
    ] as const) {
      await benCard.getByTestId('objective-add-progress').click();
      const progress = ben.page.getByTestId('progress-form');
      await progress.getByLabel(/^Value/).fill(value);
      expect(await progress.getByTestId('progress-as-of').inputValue()).toBe(day(today));
      if (asOf) await progress.getByTestId('progress-as-of').fill(asOf);
      await ben.page.getByTestId('progress-save').click();
      await progress.waitFor({ state: 'detached' });
    }
    await expect
      .poll(() => card(ada.page, PACKAGING).getByTestId('objective-latest-dated').innerText())
      .toMatch(/^88% of volume as of /);

    await benCard.getByTestId('objective-history').click();
    const chart = ben.page.getByTestId('progress-chart');
    await chart.waitFor();
    expect(await chart.getAttribute('data-days')).toBe(`${day(lastMonth)},${day(today)}`);
    // Two dots joined by one straight segment, and the baseline and target drawn as labelled lines.
    await expect.poll(() => chart.locator('.recharts-line-dot').count()).toBe(2);
    expect(await chart.locator('.recharts-reference-line').count()).toBe(2);
    const labels = await chart.locator('svg text').allTextContents();
    expect(labels.some((l) => l.startsWith('Target '))).toBe(true);
    expect(labels.some((l) => l.startsWith('Baseline '))).toBe(true);
    // The time axis is labelled with days ("2 Nov 2026"), not raw timestamps.
    const days = labels.filter((l) => /^\d{1,2} [A-Z][a-z]{2} \d{4}$/.test(l));
    expect(days.length).toBeGreaterThan(0);
    expect(labels.some((l) => /^\d{12,}$/.test(l))).toBe(false);
    const rows = await ben.page.getByTestId('progress-table').locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/86% of volume$/),
      expect.stringMatching(/88% of volume$/),
    ]);
    await ben.page.screenshot({ path: artifactPath('objective-progress-chart.png') });
    await ben.page.keyboard.press('Escape');

    // The catalog entry for invoices changes; Ada, back in the plan, applies the update.
    const newText = 'Invoices that need a correction before payment, counted per invoice line.';
    await editCatalog(ada.page, (objectives) => {
      const entry = objectives.find((o) => o.title === 'Cut invoice errors')!;
      entry.description = 'Invoices that need a correction before payment, counted per invoice line.';
    });
    await ada.page.reload();
    await ada.page.locator('[data-testid="connection-state"][data-status="live"]').waitFor();
    const updated = card(ada.page, INVOICES).getByTestId('objective-catalog-updated');
    await updated.waitFor();
    // The locked, customised objective is not offered an update (its catalog entry did not change).
    expect(await card(ada.page, PACKAGING).getByTestId('objective-catalog-updated').count()).toBe(0);
    await updated.getByTestId('objective-catalog-apply').click();
    await updated.waitFor({ state: 'detached' });
    await expect.poll(() => card(cara.page, INVOICES).innerText()).toContain(newText);
    expect(await card(cara.page, INVOICES).getByTestId('objective-customised').count()).toBe(0);
  });
});
