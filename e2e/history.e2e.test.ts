/**
 * Issue 9 acceptance, in Chromium against the real server: named versions, joint sign-off by both
 * companies, drift after a third person's edit, a live restore for everyone, and the Markdown and
 * print exports. Fails on any browser console error.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useE2E } from './support/fixture.ts';
import { artifactPath, openPlan, watchErrors } from './support/browser.ts';

const REL = 'acme-globex';
const VERSION_NAME = 'Agreed at the Q3 workshop';
const SEEDED_VISION = 'keep every shelf stocked with what shoppers want';
const BEN_TEXT = 'Ben adds a weekly supplier stand-up.';
const PHONE = { width: 390, height: 844 };
/** The machine runs other suites at once: waits are generous, and nothing asserts a duration. */
const WAIT = { timeout: 60_000 };
const POLL = { timeout: 60_000, interval: 250 };

const { person } = useE2E();

const editor = (page: Page, section: string) => page.getByTestId(`editor-${section}`);
const agreementText = (page: Page) => page.getByTestId('agreement-text');
const panel = (page: Page) => page.getByTestId('version-panel');

async function typeAtEnd(page: Page, section: string, text: string): Promise<void> {
  await editor(page, section).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

/** The words shown as added in a diff section, without the screen-reader labels. */
function addedWords(section: Locator): Promise<string> {
  return section.evaluate((el) =>
    [...el.querySelectorAll('ins')]
      .map((ins) =>
        [...ins.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent)
          .join(''),
      )
      .join(' ')
      .replace(/\s+/g, ' '),
  );
}

async function openVersion(page: Page, versionId: string): Promise<void> {
  await page.getByTestId('open-history').click();
  await page.getByTestId('version-list').waitFor(WAIT);
  await page.getByTestId(`version-${versionId}`).click();
  await panel(page).locator(`[data-testid="version-title"]`).waitFor(WAIT);
}

async function sign(page: Page): Promise<void> {
  await page.getByTestId('version-sign').click();
  await page.getByTestId('history-confirm-ok').click();
  await page.getByTestId('history-done').waitFor(WAIT);
}

describe('plan history, joint sign-off and export', { timeout: 420_000 }, () => {
  it('Ada and Cara sign a version; Ben drifts it; both see the diff; Ada restores it live for everyone; exports hold every section', async () => {
    const ada = await person('ada@acme.example');
    // Cara works on a phone throughout: signing, the drift marker and the diff must all fit 390 px.
    const cara = await person('cara@globex.example', PHONE);
    const ben = await person('ben@acme.example');
    await openPlan(ada.page, REL);
    await openPlan(cara.page, REL);
    await openPlan(ben.page, REL);

    // Ada names the plan as it is now.
    await ada.page.getByTestId('open-history').click();
    await ada.page.getByTestId('version-list').waitFor(WAIT);
    await ada.page.getByTestId('version-name-input').fill(VERSION_NAME);
    await ada.page.getByTestId('version-name-save').click();
    await ada.page.getByTestId('version-name-saved').waitFor(WAIT);
    const row = ada.page
      .getByTestId('version-list')
      .locator('button[data-kind="named"]')
      .filter({ hasText: VERSION_NAME });
    await row.waitFor(WAIT);
    const versionId = (await row.getAttribute('data-testid'))!.replace(/^version-/, '');
    // Newest first: the named version heads the list.
    expect(
      await ada.page.getByTestId('version-list').locator('button[data-kind]').first().getAttribute('data-testid'),
    ).toBe(`version-${versionId}`);
    await ada.page.screenshot({ path: artifactPath('history-panel-desktop.png') });

    // Ada reads it (read-only Tiptap) and signs it for Acme.
    await row.click();
    const versionVision = panel(ada.page).getByTestId(`v-${versionId}-vision-text`);
    await versionVision.waitFor(WAIT);
    expect(await versionVision.innerText()).toContain(SEEDED_VISION);
    expect(await versionVision.getAttribute('contenteditable')).toBe('false');
    await ada.page.screenshot({ path: artifactPath('history-version-desktop.png') });
    await sign(ada.page);
    await expect
      .poll(() => agreementText(ada.page).innerText(), POLL)
      .toMatch(/^Signed by Acme Retail \(Ada Lovelace, .+\); awaiting Globex Supply$/);
    await ada.page.keyboard.press('Escape');

    // Cara signs the same version for Globex.
    await openVersion(cara.page, versionId);
    await sign(cara.page);
    await cara.page.keyboard.press('Escape');

    // Both parties see the agreement, Ada without reloading (the banner refreshes itself).
    const agreed =
      /^Agreed by Acme Retail \(Ada Lovelace, \d{1,2} \w{3} \d{4}\) and Globex Supply \(Cara Jensen, \d{1,2} \w{3} \d{4}\)$/;
    for (const p of [ada.page, cara.page]) await expect.poll(() => agreementText(p).innerText(), POLL).toMatch(agreed);
    expect(await ada.page.getByTestId('drift-marker').count()).toBe(0);
    await ada.page
      .locator('header')
      .filter({ has: ada.page.getByTestId('plan-actions') })
      .first()
      .waitFor();
    await ada.page.screenshot({ path: artifactPath('agreement-banner-desktop.png') });

    // Ben (a member, third browser) changes the vision: both parties see the drift marker.
    await typeAtEnd(ben.page, 'vision', ` ${BEN_TEXT}`);
    for (const p of [ada.page, cara.page]) {
      await p.getByTestId('drift-marker').waitFor(WAIT);
      await expect.poll(() => p.getByTestId('drift-sections').innerText(), POLL).toBe('Shared Vision');
    }
    await cara.page.evaluate(() => window.scrollTo(0, 0));
    expect(await cara.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await cara.page.screenshot({ path: artifactPath('agreement-drift-phone.png') });
    await ada.page.screenshot({ path: artifactPath('agreement-drift-desktop.png') });

    // "See changes": the signed version against now shows Ben's words as added, for both parties.
    for (const p of [ada.page, cara.page]) {
      await p.getByTestId('drift-see-changes').click();
      const visionDiff = panel(p).getByTestId('diff-vision');
      await visionDiff.waitFor(WAIT);
      await expect.poll(() => addedWords(visionDiff), POLL).toContain(BEN_TEXT.replace(/\s+/g, ' '));
      expect(await visionDiff.textContent()).toContain(`[added: ${BEN_TEXT.trim()}`.slice(0, 12));
      expect(await panel(p).getAttribute('data-mode')).toBe('compare');
    }
    await ada.page.screenshot({ path: artifactPath('history-diff-desktop.png') });
    await cara.page.screenshot({ path: artifactPath('history-diff-phone.png') });

    // Ada restores the signed version: everyone sees the signed text live, and the drift clears.
    await panel(ada.page).getByTestId('version-restore').click();
    await ada.page.getByTestId('history-confirm').waitFor(WAIT);
    await ada.page.getByTestId('history-confirm-ok').click();
    await ada.page.getByTestId('history-done').waitFor(WAIT);
    for (const p of [ada.page, cara.page, ben.page]) {
      await expect.poll(() => editor(p, 'vision').innerText(), POLL).not.toContain('weekly supplier stand-up');
      expect(await editor(p, 'vision').innerText()).toContain(SEEDED_VISION);
    }
    for (const p of [ada.page, cara.page]) {
      await expect.poll(() => p.getByTestId('drift-marker').count(), POLL).toBe(0);
      await expect.poll(() => agreementText(p).innerText(), POLL).toMatch(agreed);
    }
    // The open comparison follows the live plan: nothing differs any more.
    await expect.poll(() => panel(cara.page).getByTestId('diff-vision').count(), POLL).toBe(0);

    // Cara's history on a phone: the restore is the newest version, the original stays.
    await cara.page.getByRole('button', { name: 'All versions' }).click();
    await cara.page.getByTestId('version-list').locator('button[data-kind="restore"]').first().waitFor(WAIT);
    await cara.page.getByTestId(`version-${versionId}`).waitFor(WAIT);
    await cara.page.screenshot({ path: artifactPath('history-panel-phone.png') });

    // The Markdown export of the signed version (with Ada's session cookie) holds every section.
    const res = await ada.page.request.get(`/api/relationships/${REL}/versions/${versionId}/export.md`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/markdown');
    const md = await res.text();
    for (const heading of [
      'Shared Vision',
      'Strategic Objectives',
      'Account Plan Project',
      'Guiding Principles',
      'Intended Behaviours',
    ]) {
      expect(md).toMatch(new RegExp(`^## ${heading}$`, 'm'));
    }
    for (const text of [
      SEEDED_VISION,
      'Raise on-time, in-full delivery',
      'Cut shelf stock-outs on fast movers',
      'Run the first monthly joint scorecard review',
      'We share forecasts and problems early',
      'Raise a supply risk with the other side within one working day',
      'Agreed by Acme Retail (Ada Lovelace',
    ]) {
      expect(md).toContain(text);
    }
    expect(md).not.toContain('weekly supplier stand-up');

    // The panel's Markdown link downloads the same file.
    await ada.page.getByRole('button', { name: 'All versions' }).click();
    await ada.page.getByTestId(`version-${versionId}`).click();
    const [download] = await Promise.all([
      ada.page.waitForEvent('download', WAIT),
      panel(ada.page).getByTestId('version-markdown').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^acme-globex-.*\.md$/);

    // The printable page of the signed version: no app chrome, every section, who agreed it.
    const print = await ada.context.newPage();
    watchErrors(print, ada.errors, 'ada print');
    await print.goto(`/relationships/${REL}/print?version=${versionId}`);
    await print.getByTestId('print-document').waitFor(WAIT);
    await print.getByTestId(`print-vision-text`).waitFor(WAIT);
    const printed = await print.getByTestId('print-document').innerText();
    for (const heading of [
      'Shared Vision',
      'Strategic Objectives',
      'Account Plan Project',
      'Guiding Principles',
      'Intended Behaviours',
    ])
      expect(printed).toContain(heading);
    expect(printed).toContain(SEEDED_VISION);
    expect(await print.getByTestId('print-agreed').innerText()).toMatch(agreed);
    expect(await print.getByTestId('user-menu').count()).toBe(0);
    await print.screenshot({ path: artifactPath('print-desktop.png'), fullPage: true });
    await print.emulateMedia({ media: 'print' });
    expect(await print.getByTestId('print-button').isVisible()).toBe(false);
    await print.screenshot({ path: artifactPath('print-media-desktop.png'), fullPage: true });
    await print.emulateMedia({ media: 'screen' });
    await print.setViewportSize(PHONE);
    await print.screenshot({ path: artifactPath('print-phone.png'), fullPage: true });
    expect(await print.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await print.close();

    // The header's Export menu: the live plan as Markdown, and its printable page in a new tab.
    await ada.page.keyboard.press('Escape');
    await ada.page.getByTestId('export-menu').click();
    const [mdDownload] = await Promise.all([
      ada.page.waitForEvent('download', WAIT),
      ada.page.getByTestId('export-markdown').click(),
    ]);
    expect(mdDownload.suggestedFilename()).toMatch(/^acme-globex-plan-.*\.md$/);
    await ada.page.getByTestId('export-menu').click();
    const [live] = await Promise.all([
      ada.context.waitForEvent('page', WAIT),
      ada.page.getByTestId('export-print').click(),
    ]);
    watchErrors(live, ada.errors, 'ada live print');
    // The live plan is read once over sync, without joining the presence list.
    await live.getByTestId('print-vision-text').waitFor(WAIT);
    expect(live.url()).toContain(`/relationships/${REL}/print?version=current`);
    expect(await live.getByTestId('print-which').innerText()).toContain('The live plan as of');
    expect(await live.getByTestId('print-document').innerText()).toContain(SEEDED_VISION);
    await live.close();
  });

  it('members name versions but cannot sign or restore; viewers only read', async () => {
    const ben = await person('ben@acme.example');
    const vic = await person('vic@globex.example', PHONE);
    await openPlan(ben.page, REL);
    await openPlan(vic.page, REL);

    await ben.page.getByTestId('open-history').click();
    await ben.page.getByTestId('version-name-input').fill('Ben’s checkpoint');
    await ben.page.getByTestId('version-name-save').click();
    const row = ben.page
      .getByTestId('version-list')
      .locator('button[data-kind="named"]')
      .filter({ hasText: 'Ben’s checkpoint' });
    await row.waitFor(WAIT);
    const versionId = (await row.getAttribute('data-testid'))!.replace(/^version-/, '');
    await row.click();
    await panel(ben.page).getByTestId('version-title').waitFor(WAIT);
    expect(await panel(ben.page).getByTestId('version-sign').count()).toBe(0);
    expect(await panel(ben.page).getByTestId('version-restore').count()).toBe(0);

    await openVersion(vic.page, versionId);
    expect(await vic.page.getByTestId('version-name-input').count()).toBe(0);
    expect(await panel(vic.page).getByTestId('version-sign').count()).toBe(0);
    expect(await panel(vic.page).getByTestId('version-restore').count()).toBe(0);
    await panel(vic.page).getByTestId('version-markdown').waitFor(WAIT);
    // Keyboard: Escape closes the panel and focus returns to the History button.
    await vic.page.keyboard.press('Escape');
    await expect.poll(() => vic.page.getByTestId('version-panel').count(), POLL).toBe(0);
    await expect
      .poll(() => vic.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), POLL)
      .toBe('open-history');
  });
});
