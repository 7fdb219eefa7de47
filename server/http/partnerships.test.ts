/**
 * CONTRACT 8 relationships between companies over the REST API: starting one, the partner
 * accepting (in the app, or by creating their company from the link) or declining, who sees a
 * pending one, renaming and archiving. Real Fastify, LevelDB and SMTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, cookieHeader, type TestApp } from '../accounts/testing.ts';
import { startTestSmtp, linkIn, type TestSmtp } from '../mail/testSmtp.ts';

let t: TestApp;
let smtp: TestSmtp;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp({ config: { PUBLIC_URL: 'https://charter.example', SMTP_URL: smtp.url } });
  for (const [u, d] of [
    ['ada', 'acme'],
    ['ben', 'acme'],
    ['cara', 'globex'],
    ['dan', 'globex'],
    ['ivy', 'initech'],
  ]) {
    cookies[u] = await t.login(`${u}@${d}.example`);
  }
});
afterAll(async () => {
  await t.destroy();
  await smtp.close();
});

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
const call = (method: Method, url: string, who?: string, body?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: who ? { cookie: cookies[who] ?? who } : {},
    ...(body !== undefined ? { payload: body as object } : {}),
  });
const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);
const listIds = async (who: string) =>
  (await call('GET', '/api/relationships', who)).json<Array<{ id: string }>>().map((r) => r.id);

async function start(who: string, name: string, partnerEmail: string) {
  const res = await call('POST', '/api/relationships', who, { name, partnerEmail });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; invitation: { link: string; expiresAt: string } }>();
}

describe('a relationship with a partner not on Charter', () => {
  it('is started by a Company Admin, e-mailed, and the partner creates their company from the link', async () => {
    const { id, invitation } = await start('ada', 'Acme × Hooli', 'gavin@hooli.test');
    expect(invitation.link).toMatch(/^https:\/\/charter\.example\/invite\//);
    const mail = await smtp.next('gavin@hooli.test');
    expect(mail.text).toContain('Ada Lovelace of Acme Retail');
    expect(mail.text).toContain('Acme × Hooli');
    expect(linkIn(mail, 'invite')).toBe(invitation.link);

    // Pending: the owner's admins see it; its members and everyone else do not.
    const mine = (await call('GET', `/api/relationships/${id}`, 'ada')).json();
    expect(mine).toMatchObject({
      status: 'pending',
      partnerEmail: 'gavin@hooli.test',
      ownerCompanyId: 'acme',
      myRole: 'admin',
      configured: false,
    });
    expect(await listIds('ben')).not.toContain(id);
    expect((await call('GET', `/api/relationships/${id}`, 'ben')).statusCode).toBe(403);
    expect((await call('GET', `/api/relationships/${id}`, 'cara')).statusCode).toBe(403);
    // Nothing to configure before the partner accepted.
    expect((await call('POST', `/api/relationships/${id}/plan`, 'ada', {})).json().error).toBe('relationship_pending');

    const info = (await call('GET', `/api/invitations/${tokenOf(invitation.link)}`)).json();
    expect(info).toEqual({
      kind: 'relationship',
      email: 'gavin@hooli.test',
      companyName: 'Acme Retail',
      relationshipName: 'Acme × Hooli',
      partnerOnCharter: false,
      invitedBy: 'Ada Lovelace',
      expiresAt: invitation.expiresAt,
    });

    const noCompany = await call('POST', `/api/invitations/${tokenOf(invitation.link)}/accept`, undefined, {
      name: 'Gavin Belson',
      password: 'a fine password',
    });
    expect(noCompany.statusCode).toBe(400);
    const res = await call('POST', `/api/invitations/${tokenOf(invitation.link)}/accept`, undefined, {
      name: 'Gavin Belson',
      password: 'a fine password',
      companyName: 'Hooli',
    });
    expect(res.statusCode, res.body).toBe(200);
    const gavin = res.json().user as { id: string; companyId: string; companyRole: string; companyName: string };
    expect(gavin).toMatchObject({ companyRole: 'admin', companyName: 'Hooli' });
    cookies.gavin = cookieHeader(res);

    const rel = (await call('GET', `/api/relationships/${id}`, 'gavin')).json();
    expect(rel).toMatchObject({
      status: 'active',
      myRole: 'admin',
      ownerCompanyId: 'acme',
      parties: [
        { id: 'acme', name: 'Acme Retail' },
        { id: gavin.companyId, name: 'Hooli' },
      ],
    });
    expect((await call('GET', `/api/relationships/${id}`, 'ada')).json().partnerEmail).toBeUndefined();
    // The partner's admin runs their own company: invites their own member.
    const inv = await call('POST', `/api/companies/${gavin.companyId}/invitations`, 'gavin', {
      email: 'jared@hooli.test',
      role: 'member',
    });
    expect(inv.statusCode).toBe(201);
    expect(
      (
        await call('POST', `/api/invitations/${tokenOf(invitation.link)}/accept`, undefined, {
          name: 'X',
          password: 'a fine password',
          companyName: 'Hooli 2',
        })
      ).statusCode,
    ).toBe(410);
  });

  it('refuses members (403) and partner addresses of one’s own company (400)', async () => {
    expect(
      (await call('POST', '/api/relationships', 'ben', { name: 'Side deal', partnerEmail: 'x@hooli.test' })).statusCode,
    ).toBe(403);
    expect(
      (await call('POST', '/api/relationships', 'ada', { name: 'Ourselves', partnerEmail: 'ben@acme.example' }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await call('POST', '/api/relationships', 'ada', {
          name: 'X',
          partnerEmail: 'x@hooli.test',
          ownerCompanyId: 'globex',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await call('POST', '/api/relationships', undefined, { name: 'X', partnerEmail: 'x@hooli.test' })).statusCode,
    ).toBe(401);
  });
});

describe('a relationship with a partner already on Charter', () => {
  it('answers like any other invitation, and the partner’s admin accepts in the app', async () => {
    const { id, invitation } = await start('ada', 'Acme × Globex 2027', 'cara@globex.example');
    expect(Object.keys(invitation).sort()).toEqual(['emailed', 'expiresAt', 'link']);
    await smtp.next('cara@globex.example');

    const incoming = (await call('GET', '/api/relationship-invitations', 'cara')).json<
      Array<{
        relationshipId: string;
        ownerCompany: { name: string };
        invitedBy: string;
      }>
    >();
    expect(incoming.find((i) => i.relationshipId === id)).toMatchObject({
      ownerCompany: { name: 'Acme Retail' },
      invitedBy: 'Ada Lovelace',
    });
    // Invisible to the partner's members, and to other companies; they cannot accept it.
    expect((await call('GET', '/api/relationship-invitations', 'dan')).json()).toEqual([]);
    expect(await listIds('dan')).not.toContain(id);
    expect(await listIds('cara')).not.toContain(id);
    expect((await call('POST', `/api/relationships/${id}/accept`, 'dan')).statusCode).toBe(404);
    expect((await call('POST', `/api/relationships/${id}/accept`, 'ivy')).statusCode).toBe(404);

    // The link: no new account for a company on Charter; a wrong company's admin is told so.
    const byLink = await call('POST', `/api/invitations/${tokenOf(invitation.link)}/accept`, undefined, {
      name: 'Cara',
      password: 'a fine password',
      companyName: 'Globex 2',
    });
    expect(byLink.statusCode).toBe(409);
    expect(byLink.json().error).toBe('sign_in_to_accept');
    const wrong = await call('POST', `/api/invitations/${tokenOf(invitation.link)}/accept-signed-in`, 'ivy');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error).toBe('wrong_company');

    const ok = await call('POST', `/api/relationships/${id}/accept`, 'cara');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id, status: 'active', myRole: 'admin' });
    expect(await listIds('cara')).toContain(id);
    expect((await call('GET', '/api/relationship-invitations', 'cara')).json()).toEqual([]);
    expect((await call('POST', `/api/relationships/${id}/accept`, 'cara')).statusCode).toBe(404);
    expect((await call('GET', `/api/invitations/${tokenOf(invitation.link)}`)).statusCode).toBe(410);
    // Now both companies' admins manage their own people on its team.
    expect((await call('PUT', `/api/relationships/${id}/team/u_dan`, 'cara', { role: 'member' })).statusCode).toBe(200);
    expect((await call('PUT', `/api/relationships/${id}/team/u_dan`, 'ada', { role: 'viewer' })).statusCode).toBe(403);
  });

  it('accepts from the link when signed in as the partner company’s admin', async () => {
    const { id, invitation } = await start('ivy', 'Initech × Acme', 'ada@acme.example');
    const res = await call('POST', `/api/invitations/${tokenOf(invitation.link)}/accept-signed-in`, 'ada');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, status: 'active' });
  });

  it('can be declined: the owner sees it declined, the link is dead', async () => {
    const { id, invitation } = await start('ada', 'Declined deal', 'cara@globex.example');
    expect((await call('POST', `/api/relationships/${id}/decline`, 'dan')).statusCode).toBe(404);
    expect((await call('POST', `/api/relationships/${id}/decline`, 'cara')).statusCode).toBe(204);
    expect((await call('GET', `/api/relationships/${id}`, 'ada')).json()).toMatchObject({ status: 'declined' });
    expect(await listIds('cara')).not.toContain(id);
    expect((await call('GET', `/api/invitations/${tokenOf(invitation.link)}`)).statusCode).toBe(410);
  });
});

describe('renaming and archiving', () => {
  it('lets the owner’s Company Admins rename; others get 403 or 404', async () => {
    const res = await call('PATCH', '/api/relationships/acme-globex', 'ada', { name: 'Acme × Globex — 2027' });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe('Acme × Globex — 2027');
    expect((await call('GET', '/api/relationships/acme-globex', 'dan')).json().name).toBe('Acme × Globex — 2027');
    expect((await call('PATCH', '/api/relationships/acme-globex', 'cara', { name: 'Mine now' })).statusCode).toBe(403);
    expect((await call('PATCH', '/api/relationships/acme-globex', 'ben', { name: 'Mine now' })).statusCode).toBe(403);
    expect((await call('PATCH', '/api/relationships/acme-globex', 'ivy', { name: 'Mine now' })).statusCode).toBe(404);
    expect((await call('PATCH', '/api/relationships/acme-globex', 'ada', { name: ' ' })).statusCode).toBe(400);
    expect((await call('PATCH', '/api/relationships/acme-globex', 'ada', {})).statusCode).toBe(400);
  });

  it('archives: open sockets read only at once, new ones too; unarchiving gives roles back', async () => {
    const ctx = async (who: string) => {
      const r = await t.accounts.authorizeSync({ headers: { cookie: cookies[who] } } as never, 'acme-globex');
      if (!r.ok) throw new Error(String(r.status));
      return r.ctx;
    };
    const ben = t.docs.open(await ctx('ben'));
    expect(ben.ctx.role).toBe('member');
    const res = await call('PATCH', '/api/relationships/acme-globex', 'ada', { archived: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ archived: true, myRole: 'admin' });
    expect(ben.ctx.role).toBe('viewer');
    expect(ben.ctx.archived).toBe(true);
    expect((await ctx('ada')).role).toBe('viewer');
    expect((await ctx('ada')).archived).toBe(true);
    expect((await call('GET', '/api/relationships/acme-globex', 'dan')).json().archived).toBe(true);

    expect((await call('PATCH', '/api/relationships/acme-globex', 'ada', { archived: false })).statusCode).toBe(200);
    expect(ben.ctx.role).toBe('member');
    expect(ben.ctx.archived).toBe(false);
    expect((await ctx('ada')).role).toBe('admin');
    expect((await ctx('ada')).archived).toBe(false);
  });
});
