/**
 * Issue 19, the smaller items, in Chromium: section addresses open and highlight their section,
 * unsaved admin settings ask before they are left, one colour per person from sign-in to
 * presence, the sign-in list's labels, named close buttons, and an edit the server refused
 * disappears from the sender's screen without a reload. Fails on any browser console error.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2E } from './support/fixture.ts';
import { openPlan } from './support/browser.ts';

const REL = 'acme-globex';
const WAIT = { timeout: 60_000 };
const POLL = { timeout: 60_000, interval: 250 };

const e2e = useE2E();
const { person } = e2e;

/** The computed background of an avatar (PersonAvatar sets it inline). */
const background = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => getComputedStyle(el).backgroundColor);

describe('the smaller things', { timeout: 300_000 }, () => {
  it('a section address opens the plan at that section and highlights it', async () => {
    const ben = await person('ben@acme.example');
    await ben.page.goto(`/relationships/${REL}#alignment`);
    await ben.page.locator('[data-testid="connection-state"][data-status="live"]').waitFor(WAIT);
    const section = ben.page.locator('#section-alignment');
    await section.and(ben.page.locator('[data-highlight]')).waitFor(WAIT);
    await expect
      .poll(async () => {
        const box = await section.boundingBox();
        return box !== null && box.y >= 0 && box.y < 400;
      }, POLL)
      .toBe(true);

    // Changing the address in the open plan goes there too.
    await ben.page.evaluate(() => (window.location.hash = '#projects'));
    await ben.page.locator('#section-projects[data-highlight]').waitFor(WAIT);
  });

  it('leaving the admin settings with unsaved changes asks first, and staying keeps them', async () => {
    const ada = await person('ada@acme.example');
    await ada.page.getByTestId('nav-admin').click();
    const form = ada.page.getByTestId('settings-form');
    await form.waitFor(WAIT);
    await form.getByRole('button', { name: 'Add principle' }).click();
    await form
      .getByLabel(/^Principle \d+$/)
      .last()
      .fill('Unsaved principle');

    const asked: string[] = [];
    ada.page.once('dialog', (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await ada.page.getByRole('link', { name: 'Relationships' }).click();
    await expect.poll(() => asked.length, POLL).toBe(1);
    expect(asked[0]).toMatch(/not saved yet/);
    expect(new URL(ada.page.url()).pathname).toBe('/admin');
    expect(
      await form
        .getByLabel(/^Principle \d+$/)
        .last()
        .inputValue(),
    ).toBe('Unsaved principle');

    ada.page.once('dialog', (d) => void d.accept());
    await ada.page.getByRole('link', { name: 'Relationships' }).click();
    await expect.poll(() => new URL(ada.page.url()).pathname, POLL).toBe('/');
  });

  it('a person has one colour on sign-in, in the header and in presence; the viewer is called a viewer', async () => {
    const dan = await person('dan@globex.example');
    const vic = await e2e.guest('vic');
    await vic.page.goto('/');
    const vicRow = vic.page.getByTestId('demo-vic@globex.example');
    await vicRow.waitFor(WAIT);
    expect(await vicRow.innerText()).toContain('Viewer');
    const onSignIn = await background(vic.page, '[data-testid="demo-dan@globex.example"] [class*="_avatar_"]');

    await openPlan(dan.page, REL);
    const inHeader = await background(dan.page, '[data-testid="user-menu"] [class*="_avatar_"]');
    const ben = await person('ben@acme.example');
    await openPlan(ben.page, REL);
    const dansAvatar = ben.page
      .locator('[data-testid="presence-stack"] li[data-user-id="u_dan"] [class*="_avatar_"]')
      .first();
    await dansAvatar.waitFor(WAIT);
    const inPresence = await dansAvatar.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(inHeader).toBe(onSignIn);
    expect(inPresence).toBe(onSignIn);
  });

  it('every modal close button has a name', async () => {
    const ada = await person('ada@acme.example');
    await openPlan(ada.page, REL);
    await ada.page.locator('article[data-testid^="objective-"]').first().getByTestId('objective-history').click();
    const dialog = ada.page.getByRole('dialog');
    await dialog.waitFor(WAIT);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached', ...WAIT });
  });

  it('an edit the server refuses disappears from the sender’s screen, without a reload', async () => {
    const ada = await person('ada@acme.example');
    const ben = await person('ben@acme.example');
    await openPlan(ben.page, REL);
    const TEXT = 'Typed after being made a viewer.';
    // Ada makes Ben a viewer while his plan is open: his page still offers the editor.
    const put = await ada.context.request.put(`${e2e.baseUrl}/api/relationships/${REL}/team/u_ben`, {
      data: { role: 'viewer' },
      headers: { origin: e2e.baseUrl },
    });
    expect(put.status()).toBe(200);
    try {
      await ben.page.getByTestId('editor-vision').click();
      await ben.page.keyboard.press('Control+End');
      await ben.page.keyboard.type(` ${TEXT}`);
      await ben.page.getByTestId('plan-notice').waitFor(WAIT);
      await ben.page.locator('[data-testid="connection-state"][data-status="live"]').waitFor(WAIT);
      await expect.poll(() => ben.page.getByTestId('editor-vision').innerText(), POLL).not.toContain(TEXT);
      await ben.page.getByTestId('viewer-banner').waitFor(WAIT);
    } finally {
      await ada.context.request.put(`${e2e.baseUrl}/api/relationships/${REL}/team/u_ben`, {
        data: { role: 'member' },
        headers: { origin: e2e.baseUrl },
      });
    }
  });
});
