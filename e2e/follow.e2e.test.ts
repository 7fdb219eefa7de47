/**
 * Follow mode in Chromium against the real server: Cara (Globex) follows Ada (Acme) while Ada
 * moves to another section and types far down; Cara's window keeps Ada in view until Cara
 * scrolls herself, presses Escape or clicks "Stop following", or Ada leaves.
 * Every test fails on any browser console error or uncaught page error.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useE2E } from './support/fixture.ts';
import { artifactPath, openPlan } from './support/browser.ts';

const REL = 'acme-globex';
const { person } = useE2E();

const editor = (page: Page, section: string) => page.getByTestId(`editor-${section}`);
const adaAvatar = (page: Page) => page.getByTestId('presence-stack').locator('li[data-company="Acme Retail"] button');
const scrollY = (page: Page) => page.evaluate(() => window.scrollY);

/** Whether the element is wholly inside the window, below the sticky header and section nav. */
function inView(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const chrome = document.querySelector('nav[aria-label="Plan sections"]')!.getBoundingClientRect().bottom;
    return r.height > 0 && r.top >= chrome && r.bottom <= window.innerHeight;
  });
}

/** The window's scroll position once a (possibly animated) scroll has come to rest. */
async function settledScrollY(page: Page): Promise<number> {
  let prev = await scrollY(page);
  for (;;) {
    await page.waitForTimeout(150);
    const now = await scrollY(page);
    if (now === prev) return now;
    prev = now;
  }
}

/** New paragraphs at the caret, a line at a time (one input event per line keeps a busy machine quick). */
async function typeLines(page: Page, prefix: string, count: number): Promise<void> {
  for (let i = 1; i <= count; i++) {
    await page.keyboard.press('Enter');
    await page.keyboard.insertText(`${prefix} ${i}`);
  }
}

// Two browsers typing on a 2-core machine shared with other suites: allow for slow steps.
describe('following someone', { timeout: 300_000 }, () => {
  it('keeps their section and caret in view until the follower scrolls, presses Escape or stops, or they leave', async () => {
    const ada = await person('ada@acme.example');
    const cara = await person('cara@globex.example');
    await openPlan(ada.page, REL);
    await openPlan(cara.page, REL);
    await adaAvatar(cara.page).waitFor();
    const adaId = await cara.page
      .getByTestId('presence-stack')
      .locator('li[data-company="Acme Retail"]')
      .getAttribute('data-user-id');
    const adaCaret = editor(cara.page, 'behaviours').locator(`.collaboration-carets__caret[data-user-id="${adaId}"]`);

    // Cara follows Ada: the bar names her, the avatar is pressed, and Stop following is there.
    await adaAvatar(cara.page).click();
    const bar = cara.page.getByTestId('follow-bar');
    await bar.waitFor();
    expect(await bar.innerText()).toContain('Ada Lovelace');
    expect(await adaAvatar(cara.page).getAttribute('aria-pressed')).toBe('true');
    await cara.page.getByRole('button', { name: 'Stop following Ada Lovelace' }).waitFor();
    await cara.page.getByTestId('follow-ring').waitFor();

    // Ada goes to Intended Behaviours, far below Cara's window: Cara's view follows her there.
    expect(await inView(cara.page.locator('#section-behaviours h2'))).toBe(false);
    await ada.page.getByRole('navigation', { name: 'Plan sections' }).getByRole('link', { name: 'Behaviours' }).click();
    await expect.poll(() => inView(cara.page.locator('#section-behaviours h2'))).toBe(true);
    await expect.poll(() => bar.innerText()).toContain('Intended Behaviours');

    // Ada types far down in that section: her caret stays in Cara's window all the way.
    await editor(ada.page, 'behaviours').click();
    await ada.page.keyboard.press('Control+End');
    await adaCaret.waitFor();
    const before = await scrollY(cara.page);
    await typeLines(ada.page, 'Ada line', 32);
    await expect.poll(() => editor(cara.page, 'behaviours').innerText()).toContain('Ada line 32');
    await expect.poll(() => inView(adaCaret)).toBe(true);
    expect(await scrollY(cara.page)).toBeGreaterThan(before + 300);
    await cara.page.screenshot({ path: artifactPath('follow-desktop.png') });

    // Cara scrolls herself: following stops, she is told so, and Ada's typing no longer moves her.
    await cara.page.mouse.move(720, 450);
    await cara.page.mouse.wheel(0, -1200);
    await bar.waitFor({ state: 'detached' });
    await expect
      .poll(() => cara.page.getByTestId('follow-status').innerText())
      .toBe('You moved, so you stopped following Ada Lovelace.');
    expect(await adaAvatar(cara.page).getAttribute('aria-pressed')).toBe('false');
    const settled = await settledScrollY(cara.page);
    await typeLines(ada.page, 'After', 20);
    await expect.poll(() => editor(cara.page, 'behaviours').innerText()).toContain('After 20');
    expect(Math.abs((await scrollY(cara.page)) - settled)).toBeLessThanOrEqual(2);
    expect(await inView(adaCaret)).toBe(false);

    // By keyboard: Enter on Ada's avatar follows (and brings her caret back), Escape stops.
    await adaAvatar(cara.page).focus();
    await cara.page.keyboard.press('Enter');
    await bar.waitFor();
    await expect.poll(() => inView(adaCaret)).toBe(true);
    await cara.page.keyboard.press('Escape');
    await bar.waitFor({ state: 'detached' });
    await expect.poll(() => cara.page.getByTestId('follow-status').innerText()).toBe('Stopped following Ada Lovelace.');

    // The Stop following button, a Shift+Tab away from the avatars, stops too.
    await adaAvatar(cara.page).focus();
    await cara.page.keyboard.press('Enter');
    await bar.waitFor();
    const stop = cara.page.getByRole('button', { name: 'Stop following Ada Lovelace' });
    const stopFocused = () => stop.evaluate((el) => el === document.activeElement);
    for (let i = 0; i < 6 && !(await stopFocused()); i++) await cara.page.keyboard.press('Shift+Tab');
    expect(await stopFocused()).toBe(true);
    await expect.poll(() => bar.isVisible()).toBe(true);
    await cara.page.keyboard.press('Enter');
    await bar.waitFor({ state: 'detached' });
    await expect.poll(() => cara.page.getByTestId('follow-status').innerText()).toBe('Stopped following Ada Lovelace.');

    // Ada leaves while Cara follows her: following ends, and Cara reads why.
    await adaAvatar(cara.page).click();
    await bar.waitFor();
    await ada.page.close();
    await bar.waitFor({ state: 'detached' });
    await expect
      .poll(() => cara.page.getByTestId('follow-status').innerText())
      .toBe('Ada Lovelace left the plan. You are no longer following.');
  });

  it('fits a phone: the bar and its Stop button stay on screen, nothing scrolls sideways', async () => {
    const ada = await person('ada@acme.example');
    const cara = await person('cara@globex.example', { width: 390, height: 844 });
    await openPlan(ada.page, REL);
    await openPlan(cara.page, REL);
    await adaAvatar(cara.page).click();
    await editor(ada.page, 'principles').click();
    await ada.page.keyboard.press('Control+End');
    await ada.page.keyboard.type(' Followed on a phone.');
    const adaCaret = editor(cara.page, 'principles').locator('.collaboration-carets__caret[data-user-id]');
    await expect.poll(() => inView(adaCaret)).toBe(true);
    const stop = cara.page.getByRole('button', { name: 'Stop following Ada Lovelace' });
    expect(await inView(stop)).toBe(true);
    expect(await cara.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await cara.page.screenshot({ path: artifactPath('follow-phone.png') });
    await stop.click();
    await cara.page.getByTestId('follow-bar').waitFor({ state: 'detached' });
  });
});
