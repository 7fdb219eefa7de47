/**
 * Issue 19 acceptance ("Nothing lost by surprise"), in Chromium against the real server, two
 * people at once: live forms that write only changed fields, the Account Plan Project that
 * cannot be deleted, careful restores, and undo for deletes. Fails on any browser console error.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2E } from './support/fixture.ts';
import { openPlan } from './support/browser.ts';

const REL = 'acme-globex';
/** The machine runs other suites at once: waits are generous, and nothing asserts a duration. */
const WAIT = { timeout: 60_000 };
const POLL = { timeout: 60_000, interval: 250 };

const e2e = useE2E();
const { person } = e2e;

const objectiveCards = (page: Page) => page.locator('article[data-testid^="objective-"]');

async function openObjectiveForm(page: Page, index: number) {
  await objectiveCards(page).nth(index).getByTestId('objective-menu').click();
  await page.getByTestId('objective-edit').click();
  const form = page.getByTestId('objective-form');
  await form.waitFor(WAIT);
  return form;
}

describe('nothing lost by surprise', { timeout: 300_000 }, () => {
  it('two admins edit one objective at once: untouched fields follow, a field both changed is flagged and resolved, both changes are kept', async () => {
    const ada = await person('ada@acme.example');
    const cara = await person('cara@globex.example');
    await openPlan(ada.page, REL);
    await openPlan(cara.page, REL);

    const adaForm = await openObjectiveForm(ada.page, 0);
    const caraForm = await openObjectiveForm(cara.page, 0);

    // Ada changes the description and saves; Cara's open form shows it (she has not touched it).
    await adaForm.getByLabel('Description').fill('Measured weekly from the shared scorecard.');
    await ada.page.getByTestId('objective-save').click();
    await adaForm.waitFor({ state: 'detached', ...WAIT });
    await expect
      .poll(() => caraForm.getByLabel('Description').inputValue(), POLL)
      .toBe('Measured weekly from the shared scorecard.');

    // Cara changes the target and saves: Ada's description stays, for everyone.
    await caraForm.getByLabel('Target').fill('97');
    await cara.page.getByTestId('objective-save').click();
    await caraForm.waitFor({ state: 'detached', ...WAIT });
    for (const page of [ada.page, cara.page]) {
      const card = objectiveCards(page).first();
      await expect.poll(() => card.getByTestId('objective-sentence').innerText(), POLL).toMatch(/to 97%/);
      await card.getByText('Measured weekly from the shared scorecard.').waitFor(WAIT);
    }

    // Both change the title: Cara's form names Ada's change; she keeps hers, and that is what everyone sees.
    const adaAgain = await openObjectiveForm(ada.page, 0);
    const caraAgain = await openObjectiveForm(cara.page, 0);
    await caraAgain.getByLabel('Title').fill('On-time, in-full (Globex wording)');
    await adaAgain.getByLabel('Title').fill('On-time, in-full (Acme wording)');
    await ada.page.getByTestId('objective-save').click();
    await adaAgain.waitFor({ state: 'detached', ...WAIT });
    const conflict = caraAgain.getByTestId('conflict-title');
    await conflict
      .getByText('Ada Lovelace changed this to “On-time, in-full (Acme wording)” while you were editing.')
      .waitFor(WAIT);
    expect(await caraAgain.getByLabel('Title').inputValue()).toBe('On-time, in-full (Globex wording)');
    // Saving without choosing is refused, and keeps what she typed.
    await cara.page.getByTestId('objective-save').click();
    await caraAgain.getByText(/Choose “Keep mine” or “Take theirs”/).waitFor(WAIT);
    await conflict.getByTestId('conflict-title-keep').click();
    await conflict.waitFor({ state: 'detached', ...WAIT });
    await cara.page.getByTestId('objective-save').click();
    await caraAgain.waitFor({ state: 'detached', ...WAIT });
    for (const page of [ada.page, cara.page]) {
      await expect
        .poll(() => objectiveCards(page).first().getByTestId('objective-title').innerText(), POLL)
        .toBe('On-time, in-full (Globex wording)');
    }
  });

  it('two admins save the settings from stale copies: the second is told, nothing is written, and merging keeps both', async () => {
    const first = await person('ada@acme.example');
    const second = await person('ada@acme.example');
    for (const p of [first, second]) {
      await p.page.getByTestId('nav-admin').click();
      await p.page.getByTestId('settings-form').waitFor(WAIT);
    }
    const principles = (page: Page) => page.getByTestId('settings-form').getByLabel(/^Principle \d+$/);
    const before = await principles(first.page).count();

    await first.page.getByTestId('settings-form').getByRole('button', { name: 'Add principle' }).click();
    await principles(first.page).nth(before).fill('Share forecasts a month ahead');
    await first.page.getByTestId('settings-save').click();
    await first.page.getByTestId('settings-form').getByText('Saved').waitFor(WAIT);

    await second.page.getByTestId('settings-form').getByRole('button', { name: 'Add behaviour' }).click();
    const behaviours = second.page.getByTestId('settings-form').getByLabel(/^Behaviour \d+$/);
    await behaviours.last().fill('Answer within one working day');
    await second.page.getByTestId('settings-save').click();
    await second.page.getByTestId('settings-stale').waitFor(WAIT);
    // The refused PUT is the one console error this step expects.
    second.errors.splice(0, second.errors.length, ...second.errors.filter((e) => !/status of 409/.test(e)));
    const stored = await (
      await second.context.request.get(`${e2e.baseUrl}/api/companies/acme/account-plan-settings`)
    ).json();
    expect(stored.behaviours).not.toContain('Answer within one working day');

    await second.page.getByTestId('settings-merge').click();
    await second.page.getByTestId('settings-merged').waitFor(WAIT);
    expect(await principles(second.page).nth(before).inputValue()).toBe('Share forecasts a month ahead');
    expect(await behaviours.last().inputValue()).toBe('Answer within one working day');
    await second.page.getByTestId('settings-save').click();
    await second.page.getByTestId('settings-form').getByText('Saved').waitFor(WAIT);
    const after = await (
      await second.context.request.get(`${e2e.baseUrl}/api/companies/acme/account-plan-settings`)
    ).json();
    expect(after.principles).toContain('Share forecasts a month ahead');
    expect(after.behaviours).toContain('Answer within one working day');
  });

  it('the Account Plan Project has no delete action, for an admin or its creator', async () => {
    const ada = await person('ada@acme.example');
    const cara = await person('cara@globex.example');
    await openPlan(ada.page, REL);
    await openPlan(cara.page, REL);
    for (const page of [ada.page, cara.page]) {
      const app = page.locator('#section-account-plan-project article[data-testid^="project-"]');
      await app.getByTestId('project-menu').click();
      await page.getByTestId('project-edit').waitFor(WAIT);
      expect(await page.getByTestId('project-delete').count()).toBe(0);
      await page.keyboard.press('Escape');
    }
  });

  it('a member deletes an activity; the other company sees it go; Undo brings it back for everyone', async () => {
    const ben = await person('ben@acme.example');
    const cara = await person('cara@globex.example');
    await openPlan(ben.page, REL);
    await openPlan(cara.page, REL);
    const activities = (page: Page) => page.locator('#section-account-plan-project li[data-testid^="activity-"]');
    await activities(cara.page).first().waitFor(WAIT);
    const count = await activities(ben.page).count();
    const row = activities(ben.page).first();
    const testId = (await row.getAttribute('data-testid'))!;
    const title = await row.locator('[class*="title"]').first().innerText();

    await row.getByTestId('activity-menu').click();
    await ben.page.getByTestId('activity-delete').click();
    const undo = ben.page.getByTestId('undo-delete');
    await undo.getByText(`The activity “${title}” was deleted for everyone.`).waitFor(WAIT);
    await expect.poll(() => activities(cara.page).count(), POLL).toBe(count - 1);
    expect(await cara.page.getByTestId(testId).count()).toBe(0);

    await undo.getByTestId('undo-delete-button').click();
    await undo.waitFor({ state: 'detached', ...WAIT });
    for (const page of [ben.page, cara.page]) {
      await expect.poll(() => activities(page).count(), POLL).toBe(count);
      await activities(page).getByText(title, { exact: true }).waitFor(WAIT);
    }
    // It is back where it was.
    expect(await activities(cara.page).first().innerText()).toContain(title);
  });

  it('Ada restores only the vision from “Workshop 1”: Cara’s later project stays, and Cara is told', async () => {
    const ada = await person('ada@acme.example');
    const cara = await person('cara@globex.example');
    await openPlan(ada.page, REL);
    await openPlan(cara.page, REL);

    // Ada names the plan as it is now.
    await ada.page.getByTestId('open-history').click();
    await ada.page.getByTestId('version-name-input').fill('Workshop 1');
    await ada.page.getByTestId('version-name-save').click();
    await ada.page.getByTestId('version-name-saved').waitFor(WAIT);
    await ada.page.keyboard.press('Escape');

    // Cara adds to the vision and starts a project.
    const LATER = 'Cara adds a joint promotions calendar.';
    await cara.page.getByTestId('editor-vision').click();
    await cara.page.keyboard.press('Control+End');
    await cara.page.keyboard.type(` ${LATER}`);
    await cara.page.getByTestId('project-add').click();
    const form = cara.page.getByTestId('project-form');
    await form.getByTestId('project-name-input').fill('Promotions pilot');
    await cara.page.getByTestId('project-save').click();
    await form.waitFor({ state: 'detached', ...WAIT });
    await ada.page.getByTestId('editor-vision').getByText(LATER, { exact: false }).waitFor(WAIT);
    await ada.page.locator('#section-projects').getByText('Promotions pilot').waitFor(WAIT);

    // The confirmation lists what a restore would remove, per section; Ada keeps only Vision.
    await ada.page.getByTestId('open-history').click();
    await ada.page
      .getByTestId('version-list')
      .getByRole('button', { name: /Workshop 1/ })
      .click();
    await ada.page.getByTestId('version-restore').click();
    const confirm = ada.page.getByTestId('history-confirm');
    await confirm.getByTestId('restore-section-vision').getByText(LATER, { exact: false }).waitFor(WAIT);
    await confirm.getByTestId('restore-section-projects').getByText('Removes Project “Promotions pilot”').waitFor(WAIT);
    await confirm.getByTestId('restore-choose-projects').uncheck();
    await confirm.getByTestId('restore-section-projects').getByText('Left as it is now.').waitFor(WAIT);
    await ada.page.getByTestId('history-confirm-ok').click();
    await ada.page.getByTestId('history-done').waitFor(WAIT);

    // Cara: the vision is back, her project stays, and she is told who restored what, with a link.
    await expect.poll(() => cara.page.getByTestId('editor-vision').innerText(), POLL).not.toContain(LATER);
    await cara.page.locator('#section-projects').getByText('Promotions pilot').waitFor(WAIT);
    const notice = cara.page.getByTestId('restore-notice');
    await notice.getByText('Ada Lovelace restored Vision from “Workshop 1”.').waitFor(WAIT);
    await notice.getByTestId('restore-notice-open').click();
    await cara.page.getByTestId('version-panel').getByTestId('version-title').getByText('Workshop 1').waitFor(WAIT);

    // Any two versions compare: Cara compares “Workshop 1” with the plan’s first version.
    await cara.page.getByTestId('version-mode').getByText('Compare').click();
    await cara.page.getByTestId('compare-with').click();
    await cara.page.getByRole('option', { name: /Plan created/ }).click();
    await cara.page
      .getByTestId('compare-intro')
      .getByText('What changed from “Plan created” to “Workshop 1”.')
      .waitFor(WAIT);
    await cara.page.getByTestId('diff-view').waitFor(WAIT);
  });

  it('removing a team member asks first', async () => {
    const ada = await person('ada@acme.example');
    await ada.page.getByTestId('nav-admin').click();
    await ada.page.getByTestId('admin-tab-relationships').click();
    await ada.page.getByTestId(`admin-team-toggle-${REL}`).click();
    const team = ada.page.getByTestId(`team-${REL}`);
    const ben = team.getByTestId('team-member-u_ben');
    await ben.getByTestId('team-remove').click();
    const dialog = ada.page.getByRole('dialog', { name: 'Remove Ben Okafor?' });
    await dialog.waitFor(WAIT);
    await dialog.getByRole('button', { name: 'Keep them' }).click();
    await dialog.waitFor({ state: 'detached', ...WAIT });
    expect(await ben.count()).toBe(1);

    await ben.getByTestId('team-remove').click();
    await ada.page.getByTestId('team-remove-confirm').click();
    await ben.waitFor({ state: 'detached', ...WAIT });
    const list = await (await ada.context.request.get(`${e2e.baseUrl}/api/relationships/${REL}/team`)).json();
    expect(list.some((m: { userId: string }) => m.userId === 'u_ben')).toBe(false);
  });
});
