/**
 * Rendering stays local (issue 17): React's Profiler around every plan section (LivePlan.tsx),
 * in a profiling build of the client, counts what re-renders in Ada's browser while Cara, in
 * another browser, moves her caret, while Ada types, and while Cara types.
 *
 * No test here waits and then asserts that nothing happened: each phase ends on a barrier that
 * Ada's page can only reach after everything before it was processed (Cara's last caret position
 * arriving, Cara's text arriving), and the last phase shows the probe does see renders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPlan, openSignedOut, signIn, type Person } from './support/browser.ts';
import { builtClientDir } from './support/buildClient.ts';
import { startCharter, type RunningServer } from './support/server.ts';

const REL = 'acme-globex';
const OTHER_SECTIONS = ['objectives', 'account-plan-project', 'projects', 'alignment', 'principles', 'behaviours'];

let server: RunningServer;
let browser: Browser;
const people: Person[] = [];

beforeAll(async () => {
  server = await startCharter(builtClientDir('profile'));
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await Promise.all(people.map((p) => p.context.close()));
  await browser?.close();
  await server?.stop();
});

/** Signed in, on the live plan, with the render log installed before the app's first script. */
async function personOnPlan(email: string): Promise<Person> {
  const person = await openSignedOut(browser, server.url, email);
  people.push(person);
  await person.context.addInitScript(() => {
    window.__charterRenders = [];
  });
  await person.page.goto('/');
  await signIn(person.page, email);
  await openPlan(person.page, REL);
  return person;
}

type Renders = { id: string; phase: string }[];
const renders = (page: Page) => page.evaluate(() => window.__charterRenders!.slice());
const clearRenders = (page: Page) => page.evaluate(() => void (window.__charterRenders!.length = 0));
const sectionsIn = (log: Renders) => [...new Set(log.map((r) => r.id))].sort();

/** Cara's caret as Cara's awareness has it, and as Ada's awareness last received it. */
async function caretSeenBy(observer: Page, author: Page): Promise<{ sent: string; seen: string }> {
  const { clientId, sent } = await author.evaluate(() => {
    const a = (
      window as unknown as {
        charter: { awareness: { clientID: number; getLocalState(): Record<string, unknown> | null } };
      }
    ).charter.awareness;
    return { clientId: a.clientID, sent: JSON.stringify(a.getLocalState()?.cursor ?? null) };
  });
  const seen = await observer.evaluate((id) => {
    const a = (window as unknown as { charter: { awareness: { getStates(): Map<number, Record<string, unknown>> } } })
      .charter.awareness;
    return JSON.stringify(a.getStates().get(id)?.cursor ?? null);
  }, clientId);
  return { sent, seen };
}

describe('render isolation', { timeout: 240_000 }, () => {
  it('a remote caret re-renders no section, typing re-renders only its own section', async () => {
    const ada = await personOnPlan('ada@acme.example');
    const cara = await personOnPlan('cara@globex.example');
    const adaVision = ada.page.getByTestId('editor-vision');
    const caraVision = cara.page.getByTestId('editor-vision');

    // Cara settles in the vision; Ada sees her there and sees her caret.
    await caraVision.click();
    await cara.page.keyboard.press('Control+Home');
    await expect
      .poll(() =>
        ada.page.getByTestId('presence-stack').locator('li[data-company="Globex Supply"]').getAttribute('data-section'),
      )
      .toBe('vision');
    await adaVision.locator('.collaboration-carets__caret[data-user-id]').first().waitFor();
    await expect
      .poll(async () => (({ sent, seen }) => sent !== 'null' && sent === seen)(await caretSeenBy(ada.page, cara.page)))
      .toBe(true);
    const mounted = sectionsIn(await renders(ada.page));
    expect(mounted, 'the probe sees every section mount').toEqual(
      expect.arrayContaining([...OTHER_SECTIONS, 'vision']),
    );

    // 50 caret moves by Cara, each one received by Ada before the next.
    await clearRenders(ada.page);
    for (let i = 0; i < 50; i++) {
      await cara.page.keyboard.press(i < 25 ? 'ArrowRight' : 'ArrowLeft');
      await expect
        .poll(async () => (({ sent, seen }) => sent === seen)(await caretSeenBy(ada.page, cara.page)))
        .toBe(true);
    }
    const duringCarets = await renders(ada.page);
    for (const id of OTHER_SECTIONS)
      expect(
        duringCarets.filter((r) => r.id === id),
        `${id} re-rendered for a remote caret`,
      ).toEqual([]);

    // Ada types 20 characters in the vision; the barrier is Cara seeing all of them.
    await adaVision.click();
    await ada.page.keyboard.press('Control+End');
    await clearRenders(ada.page);
    const typed = 'Twenty chars by Ada.';
    expect(typed).toHaveLength(20);
    await ada.page.keyboard.type(typed);
    await expect.poll(() => caraVision.innerText()).toContain(typed);
    const duringTyping = await renders(ada.page);
    for (const id of OTHER_SECTIONS)
      expect(
        duringTyping.filter((r) => r.id === id),
        `${id} re-rendered while Ada typed`,
      ).toEqual([]);

    // Cara types 20 characters in the vision: in Ada's browser only the vision may re-render.
    await cara.page.keyboard.press('Control+End');
    await expect
      .poll(async () => (({ sent, seen }) => sent === seen)(await caretSeenBy(ada.page, cara.page)))
      .toBe(true);
    await clearRenders(ada.page);
    const remote = 'Cara adds 20 chars. ';
    expect(remote).toHaveLength(20);
    await cara.page.keyboard.type(remote);
    await expect.poll(() => adaVision.innerText()).toContain(remote.trim());
    const duringRemote = await renders(ada.page);
    for (const id of OTHER_SECTIONS)
      expect(
        duringRemote.filter((r) => r.id === id),
        `${id} re-rendered for a remote edit in the vision`,
      ).toEqual([]);

    // The probe does see renders: Cara moving to the principles re-renders its presence avatars.
    await clearRenders(ada.page);
    await cara.page.getByTestId('editor-principles').click();
    await expect.poll(async () => sectionsIn(await renders(ada.page))).toContain('principles');

    const errors = people.flatMap((p) => p.errors);
    expect(errors, 'browser console errors').toEqual([]);
  });

  it('the toolbar still follows the selection, stored marks and undo, though carets no longer re-read it', async () => {
    const ben = await personOnPlan('ben@acme.example');
    const toolbar = ben.page.getByRole('toolbar', { name: 'Shared Vision formatting' });
    const bold = toolbar.getByRole('button', { name: 'Bold' });
    await ben.page.getByTestId('editor-vision').click();
    await ben.page.keyboard.press('Control+End');
    await toolbar.waitFor();
    expect(await bold.getAttribute('aria-pressed')).toBe('false');
    // Ctrl+B on an empty selection changes only the stored marks.
    await ben.page.keyboard.press('Control+b');
    await expect.poll(() => bold.getAttribute('aria-pressed')).toBe('true');
    await ben.page.keyboard.type('Bold words');
    await expect
      .poll(() => ben.page.getByTestId('editor-vision').locator('strong').last().innerText())
      .toBe('Bold words');
    await expect.poll(() => toolbar.getByRole('button', { name: 'Undo' }).isEnabled()).toBe(true);
    // Moving the caret out of the bold text changes only the selection.
    await ben.page.keyboard.press('Control+Home');
    await expect.poll(() => bold.getAttribute('aria-pressed')).toBe('false');
    expect(
      people.flatMap((p) => p.errors),
      'browser console errors',
    ).toEqual([]);
  });
});
