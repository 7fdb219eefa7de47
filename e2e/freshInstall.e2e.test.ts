/**
 * Issue 22 acceptance, in Chromium from an empty store with SEED=none (no demo account exists):
 * the operator command creates Acme; Acme's admin accepts the link, invites a member (the e-mail
 * arrives at a real SMTP server), starts a relationship with a partner not on Charter; the partner
 * creates their company from the invitation and invites their own member; each admin puts their
 * member on the team; Acme's admin configures the Account Plan area and sets up the plan from the
 * home card; both members co-edit the vision. Fails on any browser console or page error.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestSmtp, linkIn, type TestSmtp } from '../server/mail/testSmtp.ts';
import { artifactPath, launchBrowser, openSignedOut, type Person } from './support/browser.ts';
import { builtClientDir, REPO } from './support/buildClient.ts';
import { startCharter, type RunningServer } from './support/server.ts';

const run = promisify(execFile);
let smtp: TestSmtp;
let server: RunningServer;
let browser: Browser;
const people: Person[] = [];

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startCharter(builtClientDir(), {
    SEED: 'none',
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Charter <charter@example.test>',
  });
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await Promise.all(people.map((p) => p.context.close()));
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

async function guest(name: string): Promise<Person> {
  const p = await openSignedOut(browser, server.url, name);
  people.push(p);
  return p;
}

/** Opens an invitation link and creates the account (and the company when asked). */
async function acceptInvitation(
  p: Person,
  link: string,
  name: string,
  password: string,
  companyName?: string,
): Promise<void> {
  await p.page.goto(link.replace(server.url, ''));
  await p.page.getByTestId('invitation-form').waitFor();
  if (companyName) await p.page.getByTestId('invitation-company').fill(companyName);
  await p.page.getByTestId('invitation-name').fill(name);
  await p.page.getByTestId('invitation-password').fill(password);
  await p.page.getByTestId('invitation-accept').click();
  await p.page.getByTestId('user-menu').waitFor();
}

async function addToTeam(page: Page, relId: string, personName: string): Promise<void> {
  await page.goto('/admin');
  await page.getByTestId('admin-tab-relationships').click();
  await page.getByTestId(`admin-team-toggle-${relId}`).click();
  const team = page.getByTestId(`team-${relId}`);
  await team.getByTestId('team-add-person').click();
  await page.getByRole('option', { name: new RegExp(personName) }).click();
  await team.getByRole('button', { name: 'Add to team' }).click();
  await team.getByText(personName).waitFor();
}

const editor = (page: Page) => page.getByTestId('editor-vision');

describe('Charter without the demo', { timeout: 300_000 }, () => {
  it('goes from an empty store to two companies co-editing a plan', async () => {
    // The operator creates Acme (through the running server's local admin endpoint).
    const out = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(REPO, 'scripts/admin.ts'),
        'create-company',
        '--name',
        'Acme Retail',
        '--admin-email',
        'ada@acme.test',
        '--admin-name',
        'Ada Lovelace',
      ],
      {
        cwd: REPO,
        env: { ...process.env, DATA_DIR: server.dataDir, LOG_LEVEL: 'silent' },
      },
    );
    const adaLink = out.stdout.trim().split('\n').pop()!;
    expect(adaLink.startsWith(`${server.url}/invite/`)).toBe(true);
    expect(linkIn(await smtp.next('ada@acme.test'), 'invite')).toBe(adaLink);

    // Nobody can sign in before that: no demo accounts are offered.
    const ada = await guest('ada');
    await ada.page.goto('/');
    await ada.page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await ada.page.locator('[data-testid^="demo-"]').count()).toBe(0);

    // Ada accepts: the page names the company and starts with her name.
    await ada.page.goto(adaLink.replace(server.url, ''));
    await ada.page.getByRole('heading', { name: 'Join Acme Retail' }).waitFor();
    expect(await ada.page.getByTestId('invitation-name').inputValue()).toBe('Ada Lovelace');
    await ada.page.getByTestId('invitation-password').fill('short');
    await ada.page.getByTestId('invitation-accept').click();
    await ada.page.getByText('Use at least 10 characters.').waitFor();
    await ada.page.getByTestId('invitation-password').fill('acme admin password');
    await ada.page.getByTestId('invitation-accept').click();
    await ada.page.getByTestId('user-menu').waitFor();
    await ada.page.screenshot({ path: artifactPath('fresh-home-empty.png'), fullPage: true });

    // The link worked once: opened again, it says so and points to sign-in.
    const again = await guest('ada-again');
    await again.page.goto(adaLink.replace(server.url, ''));
    await again.page
      .locator('[data-testid="link-problem"][data-code="link_used"]')
      .getByText('This invitation was already used')
      .waitFor();
    // The page's own request for the used link answered 410: expected here, not a failure.
    again.errors.splice(0, again.errors.length, ...again.errors.filter((e) => !/status of 410/.test(e)));

    // Ada invites Ben (member): the e-mail arrives, the link is also shown to copy.
    await ada.page.getByTestId('nav-admin').click();
    await ada.page.getByTestId('admin-tab-people').click();
    await ada.page.getByTestId('invite-email').fill('ben@acme.test');
    await ada.page.getByTestId('invite-submit').click();
    const shown = await ada.page.getByTestId('invite-link-url').inputValue();
    const benMail = await smtp.next('ben@acme.test');
    expect(benMail.text).toContain('Ada Lovelace invited you to join Acme Retail');
    expect(linkIn(benMail, 'invite')).toBe(shown);
    await ada.page.getByTestId('pending-ben@acme.test').waitFor();
    await ada.page.screenshot({ path: artifactPath('fresh-admin-people.png'), fullPage: true });

    // Ada starts a relationship with Globex, not on Charter yet.
    await ada.page.goto('/');
    await ada.page.getByTestId('new-relationship').click();
    await ada.page.getByTestId('new-relationship-name').fill('Acme × Globex');
    await ada.page.getByTestId('new-relationship-email').fill('cara@globex.test');
    await ada.page.getByTestId('new-relationship-submit').click();
    await ada.page.getByTestId('relationship-link').waitFor();
    await ada.page.getByRole('button', { name: 'Done' }).click();
    await ada.page.getByText('Invitation sent to cara@globex.test').waitFor();
    const caraMail = await smtp.next('cara@globex.test');
    expect(caraMail.text).toContain('Ada Lovelace of Acme Retail');

    // Cara creates Globex from the invitation.
    const cara = await guest('cara');
    await cara.page.goto(linkIn(caraMail, 'invite').replace(server.url, ''));
    await cara.page.getByText('invited your company to plan “Acme × Globex”').waitFor();
    await acceptInvitation(cara, linkIn(caraMail, 'invite'), 'Cara Jensen', 'globex admin password', 'Globex Supply');
    const card = cara.page.locator('li[data-testid^="relationship-"]');
    await card.getByText('Acme × Globex').waitFor();
    await card.getByText('Awaiting set-up by Ada Lovelace (Company Admin of Acme Retail)').waitFor();

    // Cara invites her own member, Dan; Ben and Dan accept from their e-mails.
    await cara.page.getByTestId('nav-admin').click();
    await cara.page.getByTestId('admin-tab-people').click();
    await cara.page.getByTestId('invite-email').fill('dan@globex.test');
    await cara.page.getByTestId('invite-submit').click();
    const danLink = linkIn(await smtp.next('dan@globex.test'), 'invite');
    const ben = await guest('ben');
    await acceptInvitation(ben, linkIn(benMail, 'invite'), 'Ben Okafor', 'ben member password');
    const dan = await guest('dan');
    await acceptInvitation(dan, danLink, 'Dan Moreau', 'dan member password');

    // The relationship's id, from the owner's card.
    await ada.page.goto('/');
    const relId = (await ada.page.locator('li[data-testid^="relationship-"]').getAttribute('data-testid'))!.replace(
      'relationship-',
      '',
    );

    // Each admin puts their own member on the team.
    await addToTeam(ada.page, relId, 'Ben Okafor');
    await addToTeam(cara.page, relId, 'Dan Moreau');

    // Ada configures the Account Plan area: enables it with one catalog objective.
    await ada.page.getByTestId('admin-tab-settings').click();
    const form = ada.page.getByTestId('settings-form');
    await form.getByTestId('settings-enabled').check();
    await form.getByTestId('catalog-add').click();
    const objective = form.getByTestId('catalog-0');
    await objective.getByLabel('Title').fill('Raise on-time delivery');
    await objective.getByLabel('Baseline').fill('82');
    await objective.getByLabel('Target').fill('95');
    await ada.page.getByTestId('settings-save').click();
    await form.getByText('Saved').waitFor();

    // Set-up from the home card in one click, then the plan is live.
    await ada.page.goto('/');
    await ada.page.getByTestId(`setup-action-${relId}`).click();
    await ada.page.getByTestId(`setup-${relId}`).getByRole('checkbox', { name: 'Raise on-time delivery' }).waitFor();
    await ada.page.getByTestId(`setup-submit-${relId}`).click();
    await editor(ada.page).waitFor();

    // Both members co-edit the vision.
    for (const p of [ben, dan]) {
      await p.page.goto('/');
      await p.page.getByTestId(`relationship-${relId}`).getByRole('button', { name: 'Open plan' }).click();
      await editor(p.page).waitFor();
      await p.page.locator('[data-testid="connection-state"][data-status="live"]').waitFor();
    }
    await editor(ben.page).click();
    await ben.page.keyboard.press('Control+End');
    await ben.page.keyboard.type('Acme and Globex grow together.');
    await expect
      .poll(() => editor(dan.page).innerText(), { timeout: 20_000 })
      .toContain('Acme and Globex grow together.');
    await editor(dan.page).click();
    await dan.page.keyboard.press('Control+End');
    await dan.page.keyboard.type(' Globex ships on time.');
    await expect.poll(() => editor(ben.page).innerText(), { timeout: 20_000 }).toContain('Globex ships on time.');
    await dan.page.screenshot({ path: artifactPath('fresh-plan-coedit.png'), fullPage: false });

    expect(people.flatMap((p) => p.errors)).toEqual([]);
  });
});
