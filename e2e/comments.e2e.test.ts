/**
 * Comments, mentions and the inbox in Chromium against the real server, two companies: Ben
 * comments on a phrase of the Vision mentioning Cara; Cara's inbox count goes up without a
 * reload; she jumps to the highlighted phrase from her inbox and replies; Ben sees the reply
 * live; text is typed before the phrase and the highlight follows it; Cara resolves; a viewer's
 * comment appears for both. Waits are bounds, never speed measurements.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2E } from './support/fixture.ts';
import { openPlan } from './support/browser.ts';

const REL = 'acme-globex';
const PHRASE = 'one supply chain planned in the open';
const WAIT = { timeout: 30_000, interval: 100 };

const e2e = useE2E();

/** Selects `phrase` in the Vision editor, as a person dragging over it would. */
async function selectInVision(page: Page, phrase: string): Promise<void> {
  const editor = page.getByTestId('editor-vision');
  await editor.click();
  await page.evaluate((text) => {
    const root = document.querySelector('[data-testid="editor-vision"]')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent!.indexOf(text);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + text.length);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      return;
    }
    throw new Error(`"${text}" is not in the Vision`);
  }, phrase);
  await expect.poll(() => page.getByTestId('editor-vision-comment').isEnabled(), WAIT).toBe(true);
}

const marked = (page: Page) => page.locator('[data-testid="editor-vision"] .ch-comment-mark');
const unread = async (page: Page) => Number(await page.getByTestId('inbox-button').getAttribute('data-unread'));

describe('comments', { timeout: 300_000 }, () => {
  it('Ben comments mentioning Cara; she gets it live, jumps to the phrase, replies; the anchor follows edits; a viewer comments', async () => {
    const ben = await e2e.person('ben@acme.example');
    const cara = await e2e.person('cara@globex.example');
    await openPlan(ben.page, REL);
    await openPlan(cara.page, REL);
    await expect.poll(() => e2e.server.app.fastify.planEvents?.size(REL), WAIT).toBe(2);
    expect(await unread(cara.page)).toBe(0);

    // Ben selects a phrase and comments, mentioning Cara through the @ list (keyboard only).
    await selectInVision(ben.page, PHRASE);
    await ben.page.getByTestId('editor-vision-comment').click();
    const box = ben.page.getByTestId('comment-new');
    await box.pressSequentially('Can we commit to 95% by June, @Car');
    await ben.page.getByRole('option', { name: /Cara Jensen/ }).waitFor(WAIT);
    await box.press('Enter');
    await box.pressSequentially('what do you think?');
    await ben.page.getByTestId('comment-new-post').click();
    await expect.poll(() => marked(ben.page).innerText(), WAIT).toBe(PHRASE);

    // Cara's count goes up without a reload; the inbox takes her to the highlighted phrase.
    await expect.poll(() => unread(cara.page), WAIT).toBe(1);
    await cara.page.getByTestId('inbox-button').click();
    await cara.page.getByTestId('inbox-item-mention').click();
    await cara.page.getByTestId('comments-panel').getByText('what do you think?').waitFor(WAIT);
    await expect.poll(() => marked(cara.page).innerText(), WAIT).toBe(PHRASE);
    await expect.poll(() => unread(cara.page), WAIT).toBe(0);
    const threadId = (await cara.page.locator('[data-testid^="thread-"]').first().getAttribute('data-testid'))!.slice(
      'thread-'.length,
    );
    await cara.page.getByTestId(`reply-${threadId}`).fill('Yes, if Dan owns the data source.');
    await cara.page.getByTestId(`reply-${threadId}-post`).click();

    // Ben sees the reply live.
    await ben.page.getByTestId('comments-panel').getByText('Yes, if Dan owns the data source.').waitFor(WAIT);
    await expect.poll(() => unread(ben.page), WAIT).toBe(1);

    // Text typed before the phrase: the highlight still covers exactly the phrase, for both.
    await ben.page.keyboard.press('Escape');
    await ben.page.evaluate(() => {
      const w = window as unknown as { charter: { doc: import('yjs').Doc } };
      const vision = w.charter.doc.getXmlFragment('vision');
      const text = (vision.get(0) as import('yjs').XmlElement).get(0) as import('yjs').XmlText;
      text.insert(0, 'Edited before: ');
    });
    await expect.poll(() => marked(cara.page).innerText(), WAIT).toBe(PHRASE);
    await expect.poll(() => marked(ben.page).innerText(), WAIT).toBe(PHRASE);

    // Cara resolves: the thread leaves the open list and the highlight goes.
    await cara.page.getByTestId(`resolve-${threadId}`).click();
    await expect.poll(() => marked(cara.page).count(), WAIT).toBe(0);
    await expect.poll(() => unread(ben.page), WAIT).toBe(2);

    // A viewer comments; both see it.
    const vic = await e2e.person('vic@globex.example');
    await openPlan(vic.page, REL);
    await selectInVision(vic.page, 'improved every month');
    await vic.page.getByTestId('editor-vision-comment').click();
    await vic.page.getByTestId('comment-new').fill('Viewer here: monthly works for us.');
    await vic.page.getByTestId('comment-new-post').click();
    // Ben closed his panel earlier; Cara's is still open on the thread she resolved.
    await ben.page.getByTestId('comments-button').click();
    for (const page of [ben.page, cara.page]) {
      await expect.poll(() => marked(page).innerText(), WAIT).toBe('improved every month');
      await page.getByTestId('comments-panel').getByText('Viewer here: monthly works for us.').waitFor(WAIT);
    }

    // On the relationships home, the plan shows Ben's unread count (the reply and the resolve).
    await ben.page.goto(e2e.baseUrl);
    await expect.poll(() => ben.page.getByTestId(`unread-${REL}`).innerText(), WAIT).toBe('2 unread notifications');
  });
});
