/**
 * Issue 6 acceptance, admin section: Ivy (Initech's Company Admin) enables Initech's Account Plan
 * settings, survives a failed save without losing what she typed, sets up the initech-globex plan
 * from the catalog and manages its team; then Dan (Globex) opens the new plan.
 */
import { describe, expect, it } from 'vitest';
import { useE2E } from './support/fixture.ts';
import { artifactPath } from './support/browser.ts';

const REL = 'initech-globex';
const { person } = useE2E();

describe('the admin section', () => {
  it('shows Admin in the sidebar only to Company Admins', async () => {
    const dan = await person('dan@globex.example');
    expect(await dan.page.getByTestId('nav-admin').count()).toBe(0);
    await dan.page.goto('/admin');
    await dan.page.getByRole('heading', { name: 'Admin is for Company Admins' }).waitFor();
  });

  it('gives Initech’s admin “Set up the plan” on the home card, one click from set-up; members see who can', async () => {
    const eve = await person('eve@initech.example');
    await eve.page
      .getByTestId(`rel-state-${REL}`)
      .getByText('Awaiting set-up by Ivy Chen (Company Admin of Initech)')
      .waitFor();
    expect(await eve.page.getByTestId(`setup-action-${REL}`).count()).toBe(0);

    const ivy = await person('ivy@initech.example');
    await ivy.page.getByTestId(`setup-action-${REL}`).click();
    await ivy.page.getByTestId(`setup-page-${REL}`).waitFor();
    expect(new URL(ivy.page.url()).pathname).toBe(`/admin/setup/${REL}`);
    // The area is not enabled yet: enabling it is the first step, on the same page.
    await ivy.page
      .getByTestId('setup-enable-step')
      .getByRole('button', { name: 'Enable Account Plans for Initech' })
      .waitFor();
  });

  it('ivy enables Initech’s settings and sets up the initech-globex plan, then dan opens it', async () => {
    const ivy = await person('ivy@initech.example');
    await ivy.page.getByTestId('nav-admin').click();
    const form = ivy.page.getByTestId('settings-form');
    await form.waitFor();

    // Set-up is refused while the area is disabled, and the page says why.
    await ivy.page.getByTestId('admin-tab-relationships').click();
    await ivy.page.getByTestId(`setup-disabled-${REL}`).waitFor();
    await ivy.page.getByTestId('admin-tab-settings').click();

    // Enable, add a catalog objective; a blank title is caught before anything is sent.
    await form.getByTestId('settings-enabled').check();
    await form.getByTestId('catalog-add').click();
    const added = form.getByTestId('catalog-2');
    await added.getByLabel('Baseline').fill('4');
    await added.getByLabel('Target').fill('2');
    await ivy.page.getByTestId('settings-save').click();
    await ivy.page
      .getByTestId('settings-error')
      .getByText(/fields? needs? attention/)
      .waitFor();
    await added.getByText('Give the objective a title.').waitFor();
    await added.getByLabel('Title').fill('Cut days to resolve a dispute');
    await added.getByLabel('Direction').getByText('Decrease').click();

    // A server failure keeps everything typed, and says so.
    await ivy.page.route('**/api/companies/initech/account-plan-settings', (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ error: 'internal_error', message: 'The server is busy.' }),
          })
        : route.continue(),
    );
    await ivy.page.getByTestId('settings-save').click();
    await ivy.page
      .getByTestId('settings-error')
      .getByText(/The server is busy\. Your changes are still here/)
      .waitFor();
    expect(await added.getByLabel('Title').inputValue()).toBe('Cut days to resolve a dispute');
    expect(await form.getByTestId('settings-enabled').isChecked()).toBe(true);
    // The failed request is the expected console error here.
    ivy.errors.splice(0, ivy.errors.length, ...ivy.errors.filter((e) => !/status of 503/.test(e)));
    await ivy.page.unroute('**/api/companies/initech/account-plan-settings');

    await ivy.page.getByTestId('settings-save').click();
    await form.getByText('Saved').waitFor();
    await ivy.page.screenshot({ path: artifactPath('admin-settings-desktop.png'), fullPage: true });

    // Set up the plan with two of the three catalog objectives.
    await ivy.page.getByTestId('admin-tab-relationships').click();
    const setup = ivy.page.getByTestId(`setup-${REL}`);
    await setup.waitFor();
    await setup.getByRole('checkbox', { name: 'Reduce invoice disputes' }).uncheck();
    await ivy.page.getByTestId(`setup-submit-${REL}`).click();
    await ivy.page.getByTestId(`admin-rel-state-${REL}`).getByText('Plan is live').waitFor();

    // The team: both parties' people. Each company manages its own: Dan's row (Globex) names who
    // manages it and offers Ivy no controls; Ivy makes Eve (Initech) a viewer.
    await ivy.page.getByTestId(`admin-team-toggle-${REL}`).click();
    const team = ivy.page.getByTestId(`team-${REL}`);
    await team.getByTestId('team-member-u_dan').getByText('managed by Globex Supply').waitFor();
    expect(await team.getByTestId('team-member-u_dan').getByTestId('team-role').count()).toBe(0);
    await team.getByTestId('team-member-u_eve').getByTestId('team-role').click();
    await ivy.page.getByRole('option', { name: 'Viewer' }).click();
    await expect.poll(() => team.getByTestId('team-member-u_eve').getByTestId('team-role').inputValue()).toBe('Viewer');
    await ivy.page.screenshot({ path: artifactPath('admin-relationships-desktop.png'), fullPage: true });

    // Dan opens the new plan: the chosen catalog objectives are in it.
    const dan = await person('dan@globex.example');
    await dan.page.getByTestId(`relationship-${REL}`).getByRole('button', { name: 'Open plan' }).click();
    await dan.page.getByTestId('editor-vision').waitFor();
    await dan.page.locator('[data-testid="connection-state"][data-status="live"]').waitFor();
    const titles = dan.page.locator('article[data-testid^="objective-"]').getByTestId('objective-title');
    await expect
      .poll(() => titles.allInnerTexts())
      .toEqual(['Improve order fill rate', 'Cut days to resolve a dispute']);
    await dan.page.locator('#section-projects').getByText('No projects yet').waitFor();
  });

  it('fits the admin section to a phone: settings, then a relationship’s team (screenshots saved)', async () => {
    const cara = await person('cara@globex.example', { width: 390, height: 844 });
    const pageWidth = () => cara.page.evaluate(() => document.documentElement.scrollWidth);
    await cara.page.goto('/admin');
    const form = cara.page.getByTestId('settings-form');
    await form.waitFor();
    expect(await form.isVisible()).toBe(true);
    expect((await form.boundingBox())!.width).toBeLessThanOrEqual(390);
    expect(await pageWidth()).toBeLessThanOrEqual(390);
    await cara.page.screenshot({ path: artifactPath('admin-settings-phone.png'), fullPage: true });

    await cara.page.getByTestId('admin-tab-relationships').click();
    await cara.page.getByTestId('admin-team-toggle-acme-globex').click();
    const ada = cara.page.getByTestId('team-acme-globex').getByTestId('team-member-u_ada');
    await ada.waitFor();
    expect(await ada.innerText()).toContain('Ada Lovelace');
    expect(await form.isVisible()).toBe(false);
    expect(await pageWidth()).toBeLessThanOrEqual(390);
    await cara.page.screenshot({ path: artifactPath('admin-relationships-phone.png'), fullPage: true });
  });
});
