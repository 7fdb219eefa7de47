/**
 * One identity, one colour: a person's colour is the same on the sign-in list, in `GET /api/me`
 * (the header), in every team list and on their sync connection (presence, carets), whatever
 * relationship is in view; and the sign-in list says what each person is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../accounts/testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.destroy());

type Demo = { id: string; email: string; color: string; role: string; description: string };

describe('a person’s colour and label', () => {
  it('is one colour on sign-in, in the header, in every team and on the sync connection', async () => {
    const config = (await t.app.inject({ url: '/api/config' })).json<{ demoAccounts: Demo[] }>();
    for (const a of config.demoAccounts) {
      const cookie = await t.login(a.email);
      const me = (await t.app.inject({ url: '/api/me', headers: { cookie } })).json();
      expect(me.color, `${a.email} header`).toBe(a.color);
      const rels = (await t.app.inject({ url: '/api/relationships', headers: { cookie } })).json<
        Array<{
          id: string;
        }>
      >();
      for (const rel of rels) {
        const team = (await t.app.inject({ url: `/api/relationships/${rel.id}/team`, headers: { cookie } })).json<
          Array<{ userId: string; color: string }>
        >();
        expect(team.find((m) => m.userId === me.id)?.color, `${a.email} in ${rel.id}`).toBe(a.color);
        const sync = await t.accounts.authorizeSync({ headers: { cookie } } as never, rel.id);
        if (sync.ok) expect(sync.ctx.user.color, `${a.email} presence in ${rel.id}`).toBe(a.color);
      }
    }
  });

  it('is distinct among the people of one company', async () => {
    const config = (await t.app.inject({ url: '/api/config' })).json<{
      demoAccounts: Array<Demo & { companyName: string }>;
    }>();
    const byCompany = new Map<string, string[]>();
    for (const a of config.demoAccounts)
      byCompany.set(a.companyName, [...(byCompany.get(a.companyName) ?? []), a.color]);
    for (const [company, colors] of byCompany) expect(new Set(colors).size, company).toBe(colors.length);
  });

  it('calls a viewer a viewer on the sign-in list, and a Company Admin a Company Admin', async () => {
    const config = (await t.app.inject({ url: '/api/config' })).json<{ demoAccounts: Demo[] }>();
    const of = (email: string) => config.demoAccounts.find((a) => a.email === email)!;
    expect(of('vic@globex.example')).toMatchObject({ role: 'member', description: 'Viewer' });
    expect(of('ben@acme.example').description).toBe('Member');
    expect(of('ada@acme.example').description).toBe('Company Admin');
  });
});
