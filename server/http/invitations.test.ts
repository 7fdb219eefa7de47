/**
 * CONTRACT 8 over the REST API: the operator's company, company invitations and accepting them,
 * a company's people (roles, deactivation), with the hostile cases. Real Fastify, real LevelDB,
 * a real SMTP server receiving the mail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/closeCodes.ts';
import { startTestApp, cookieHeader, type TestApp } from '../accounts/testing.ts';
import { startTestSmtp, linkIn, type TestSmtp } from '../mail/testSmtp.ts';
import type { ConnectionContext } from '../sync/types.ts';

const PUBLIC_URL = 'https://charter.example';
let clock = Date.now();
let t: TestApp;
let smtp: TestSmtp;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp({
    config: { PUBLIC_URL, SMTP_URL: smtp.url, MAIL_FROM: 'Charter <charter@acme.test>' },
    now: () => clock,
  });
  for (const [u, d] of [
    ['ada', 'acme'],
    ['ben', 'acme'],
    ['cara', 'globex'],
    ['dan', 'globex'],
    ['vic', 'globex'],
  ]) {
    cookies[u] = await t.login(`${u}@${d}.example`);
  }
});
afterAll(async () => {
  await t.destroy();
  await smtp.close();
});

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
const call = (
  method: Method,
  url: string,
  opts: { who?: string; cookie?: string; body?: unknown; origin?: string } = {},
) =>
  t.app.inject({
    method,
    url,
    headers: {
      ...(opts.cookie ? { cookie: opts.cookie } : opts.who ? { cookie: cookies[opts.who] } : {}),
      ...(opts.origin ? { origin: opts.origin } : {}),
    },
    ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
  });
const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);

async function invite(who: string, email: string, role: 'admin' | 'member' = 'member', company = 'acme') {
  const res = await call('POST', `/api/companies/${company}/invitations`, { who, body: { email, role } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; link: string; expiresAt: string; emailed: boolean }>();
}

async function accept(link: string, body: object) {
  return call('POST', `/api/invitations/${tokenOf(link)}/accept`, { body });
}

describe('the operator creates a company', () => {
  it('makes a company and a single-use admin invitation whose link starts with PUBLIC_URL', async () => {
    const { companyId, invitation } = await t.accounts.createCompany(
      'Umbrella Co',
      'Alice@Umbrella.test',
      'Alice Ward',
    );
    expect(invitation.link).toMatch(new RegExp(`^${PUBLIC_URL}/invite/[A-Za-z0-9_-]{43}$`));
    const mail = await smtp.next('alice@umbrella.test');
    expect(linkIn(mail, 'invite')).toBe(invitation.link);
    expect(mail.from).toContain('charter@acme.test');

    const info = await call('GET', `/api/invitations/${tokenOf(invitation.link)}`);
    expect(info.statusCode).toBe(200);
    expect(info.json()).toMatchObject({
      kind: 'company',
      email: 'alice@umbrella.test',
      companyName: 'Umbrella Co',
      role: 'admin',
      invitedBy: null,
      name: 'Alice Ward',
    });

    const res = await accept(invitation.link, { name: 'Alice Ward', password: 'a long passphrase' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({
      email: 'alice@umbrella.test',
      companyId,
      companyRole: 'admin',
      companyName: 'Umbrella Co',
    });
    const me = await call('GET', '/api/me', { cookie: cookieHeader(res) });
    expect(me.statusCode).toBe(200);
    // The token is stored hashed: the raw token appears nowhere in the store.
    const all = await t.dumpStorage();
    expect(all).not.toContain(tokenOf(invitation.link));
  });
});

describe('company invitations', () => {
  it('lets a Company Admin invite a member: the e-mail arrives, naming the inviter and the company', async () => {
    const inv = await invite('ada', 'nia@acme.example');
    expect(inv.emailed).toBe(true);
    const mail = await smtp.next('nia@acme.example');
    expect(mail.subject).toContain('Ada Lovelace');
    expect(mail.text).toContain('Acme Retail');
    expect(mail.html).toContain(inv.link);
    expect(linkIn(mail, 'invite')).toBe(inv.link);

    const pending = (await call('GET', '/api/companies/acme/invitations', { who: 'ada' })).json<
      Array<{
        id: string;
        email: string;
      }>
    >();
    expect(pending.map((p) => p.email)).toContain('nia@acme.example');

    const res = await accept(inv.link, { name: '  Nia   Brooks ', password: 'correct horse battery' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({ name: 'Nia Brooks', companyId: 'acme', companyRole: 'member' });
    const after = (await call('GET', '/api/companies/acme/invitations', { who: 'ada' })).json<
      Array<{
        id: string;
      }>
    >();
    expect(after.map((p) => p.id)).not.toContain(inv.id);
    // Signs in with the chosen password afterwards.
    await t.login('nia@acme.example', 'correct horse battery');
  });

  it('answers a reused link 410 link_used, an unknown one 404', async () => {
    const inv = await invite('ada', 'omar@acme.example');
    expect((await accept(inv.link, { name: 'Omar', password: 'first password 1' })).statusCode).toBe(200);
    const again = await accept(inv.link, { name: 'Mallory', password: 'second password 2' });
    expect(again.statusCode).toBe(410);
    expect(again.json().error).toBe('link_used');
    expect((await call('GET', `/api/invitations/${tokenOf(inv.link)}`)).json().error).toBe('link_used');
    const unknown = await call('GET', `/api/invitations/${'x'.repeat(43)}`);
    expect(unknown.statusCode).toBe(404);
    expect((await call('GET', '/api/invitations/short')).statusCode).toBe(400);
  });

  it('answers an expired link 410 link_expired (7 days), and creates nobody', async () => {
    const inv = await invite('ada', 'late@acme.example');
    clock += 7 * 24 * 60 * 60 * 1000 + 1;
    try {
      const res = await accept(inv.link, { name: 'Late', password: 'a fine password' });
      expect(res.statusCode).toBe(410);
      expect(res.json().error).toBe('link_expired');
    } finally {
      clock -= 7 * 24 * 60 * 60 * 1000 + 1;
    }
    const people = (await call('GET', '/api/companies/acme/users', { who: 'ada' })).json<Array<{ email: string }>>();
    expect(people.map((p) => p.email)).not.toContain('late@acme.example');
  });

  it('revokes: the link answers 410 link_revoked; resend gives a new link and kills the old one', async () => {
    const inv = await invite('ada', 'rev@acme.example');
    expect((await call('DELETE', `/api/companies/acme/invitations/${inv.id}`, { who: 'ada' })).statusCode).toBe(204);
    const res = await accept(inv.link, { name: 'Rev', password: 'a fine password' });
    expect(res.statusCode).toBe(410);
    expect(res.json().error).toBe('link_revoked');
    expect((await call('DELETE', `/api/companies/acme/invitations/${inv.id}`, { who: 'ada' })).statusCode).toBe(410);

    const second = await invite('ada', 'res@acme.example');
    await smtp.next('res@acme.example');
    const resent = await call('POST', `/api/companies/acme/invitations/${second.id}/resend`, { who: 'ada' });
    expect(resent.statusCode).toBe(200);
    const fresh = resent.json<{ link: string }>();
    expect(fresh.link).not.toBe(second.link);
    expect(linkIn(await smtp.next('res@acme.example'), 'invite')).toBe(fresh.link);
    expect((await accept(second.link, { name: 'Res', password: 'a fine password' })).statusCode).toBe(404);
    expect((await accept(fresh.link, { name: 'Res', password: 'a fine password' })).statusCode).toBe(200);
  });

  it('refuses a member inviting (403) and an admin inviting into another company (403)', async () => {
    const byMember = await call('POST', '/api/companies/acme/invitations', {
      who: 'ben',
      body: { email: 'x@acme.example', role: 'member' },
    });
    expect(byMember.statusCode).toBe(403);
    const cross = await call('POST', '/api/companies/globex/invitations', {
      who: 'ada',
      body: { email: 'spy@globex.example', role: 'admin' },
    });
    expect(cross.statusCode).toBe(403);
    expect((await call('GET', '/api/companies/globex/invitations', { who: 'ada' })).statusCode).toBe(403);
    // Another company's invitation id is unknown here, not a way to probe.
    const globexInv = await invite('cara', 'gil@globex.example', 'member', 'globex');
    expect((await call('DELETE', `/api/companies/acme/invitations/${globexInv.id}`, { who: 'ada' })).statusCode).toBe(
      404,
    );
    expect((await call('DELETE', `/api/companies/globex/invitations/${globexInv.id}`, { who: 'ada' })).statusCode).toBe(
      403,
    );
    expect(
      (await call('POST', '/api/companies/acme/invitations', { body: { email: 'x@acme.example', role: 'member' } }))
        .statusCode,
    ).toBe(401);
  });

  it('says "invited" for an address already on Charter; only its holder learns it is taken', async () => {
    const inv = await invite('ada', 'cara@globex.example');
    expect(inv).toMatchObject({ emailed: true });
    const res = await accept(inv.link, { name: 'Cara again', password: 'a fine password' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('email_in_use');
  });

  it('validates bodies: weak passwords, empty names, unknown fields, bad roles and addresses', async () => {
    const inv = await invite('ada', 'val@acme.example');
    const weak = await accept(inv.link, { name: 'Val', password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toBe('weak_password');
    expect((await accept(inv.link, { name: '   ', password: 'a fine password' })).statusCode).toBe(400);
    expect((await accept(inv.link, { name: 'Val', password: 'a fine password', companyId: 'globex' })).statusCode).toBe(
      400,
    );
    expect(
      (await accept(inv.link, { name: 'Val', password: 'a fine password', companyName: 'Other' })).statusCode,
    ).toBe(400);
    expect(
      (
        await call('POST', '/api/companies/acme/invitations', {
          who: 'ada',
          body: { email: 'not-an-address', role: 'member' },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await call('POST', '/api/companies/acme/invitations', {
          who: 'ada',
          body: { email: 'x@acme.example', role: 'owner' },
        })
      ).statusCode,
    ).toBe(400);
    // The link still works after refused attempts.
    const ok = await accept(inv.link, { name: 'Val', password: 'a fine password' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.companyId).toBe('acme');
  });

  it('accepts a link once when two acceptances race', async () => {
    const inv = await invite('ada', 'race@acme.example');
    const results = await Promise.all([
      accept(inv.link, { name: 'Racer One', password: 'a fine password' }),
      accept(inv.link, { name: 'Racer Two', password: 'a fine password' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 410]);
    const people = (await call('GET', '/api/companies/acme/users', { who: 'ada' })).json<Array<{ email: string }>>();
    expect(people.filter((p) => p.email === 'race@acme.example')).toHaveLength(1);
  });

  it('refuses writes from an origin outside ALLOWED_ORIGINS, on public routes too', async () => {
    const inv = await invite('ada', 'origin@acme.example');
    const evil = 'http://evil.example';
    expect(
      (
        await call('POST', `/api/invitations/${tokenOf(inv.link)}/accept`, {
          origin: evil,
          body: { name: 'O', password: 'a fine password' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call('POST', '/api/companies/acme/invitations', {
          who: 'ada',
          origin: evil,
          body: { email: 'x@acme.example', role: 'member' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await call('POST', '/api/auth/reset', { origin: evil, body: { email: 'ada@acme.example' } })).statusCode,
    ).toBe(403);
  });
});

describe('people of a company', () => {
  async function syncCtx(cookie: string): Promise<ConnectionContext> {
    const result = await t.accounts.authorizeSync({ headers: { cookie } } as never, 'acme-globex');
    if (!result.ok) throw new Error(`sync refused: ${result.status}`);
    return result.ctx;
  }

  it('changes a company role, applying it to open sockets at once', async () => {
    const inv = await invite('ada', 'pia@acme.example');
    const res = await accept(inv.link, { name: 'Pia', password: 'a fine password' });
    const pia = res.json().user as { id: string };
    const up = await call('PUT', `/api/companies/acme/users/${pia.id}`, { who: 'ada', body: { companyRole: 'admin' } });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ companyRole: 'admin' });
    const conn = t.docs.open(await syncCtx(cookieHeader(res)));
    expect(conn.ctx.role).toBe('admin');
    const down = await call('PUT', `/api/companies/acme/users/${pia.id}`, {
      who: 'ada',
      body: { companyRole: 'member' },
    });
    expect(down.statusCode).toBe(200);
    // Not on the team as a member: her socket closes.
    expect(conn.closed?.code).toBe(CloseCode.PermissionDenied);
  });

  it('refuses role changes from members and other companies, and never leaves a company without an admin', async () => {
    expect(
      (await call('PUT', '/api/companies/acme/users/u_ben', { who: 'ben', body: { companyRole: 'admin' } })).statusCode,
    ).toBe(403);
    expect(
      (await call('PUT', '/api/companies/acme/users/u_ben', { who: 'cara', body: { companyRole: 'admin' } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call('PUT', '/api/companies/globex/users/u_ben', { who: 'cara', body: { companyRole: 'admin' } }))
        .statusCode,
    ).toBe(404);
    const last = await call('PUT', '/api/companies/acme/users/u_ada', { who: 'ada', body: { companyRole: 'member' } });
    expect(last.statusCode).toBe(409);
    expect((await call('POST', '/api/companies/acme/users/u_ada/deactivate', { who: 'ada' })).statusCode).toBe(409);
  });

  it('deactivates: the open socket closes with 4401 at once, the session ends, the next login is refused, the name stays', async () => {
    const inv = await invite('cara', 'zed@globex.example', 'member', 'globex');
    const res = await accept(inv.link, { name: 'Zed Quinn', password: 'a fine password' });
    const zed = res.json().user as { id: string };
    const zedCookie = cookieHeader(res);
    expect(
      (await call('PUT', `/api/relationships/acme-globex/team/${zed.id}`, { who: 'cara', body: { role: 'member' } }))
        .statusCode,
    ).toBe(200);
    const conn = t.docs.open(await syncCtx(zedCookie));

    // Ada (another company) cannot; Dan (a member) cannot.
    expect((await call('POST', `/api/companies/globex/users/${zed.id}/deactivate`, { who: 'ada' })).statusCode).toBe(
      403,
    );
    expect((await call('POST', `/api/companies/globex/users/${zed.id}/deactivate`, { who: 'dan' })).statusCode).toBe(
      403,
    );
    expect(conn.closed).toBeNull();

    const off = await call('POST', `/api/companies/globex/users/${zed.id}/deactivate`, { who: 'cara' });
    expect(off.statusCode).toBe(200);
    expect(off.json().deactivatedAt).toEqual(expect.any(String));
    expect(conn.closed?.code).toBe(CloseCode.SessionEnded);
    expect((await call('GET', '/api/me', { cookie: zedCookie })).statusCode).toBe(401);

    const login = await call('POST', '/api/auth/login', {
      body: { email: 'zed@globex.example', password: 'a fine password' },
    });
    expect(login.statusCode).toBe(403);
    expect(login.json().error).toBe('account_deactivated');
    const wrong = await call('POST', '/api/auth/login', {
      body: { email: 'zed@globex.example', password: 'not the password' },
    });
    expect(wrong.statusCode).toBe(401);

    const team = (await call('GET', '/api/relationships/acme-globex/team', { who: 'ada' })).json<
      Array<{
        userId: string;
        name: string;
        deactivated?: boolean;
      }>
    >();
    expect(team.find((m) => m.userId === zed.id)).toMatchObject({ name: 'Zed Quinn', deactivated: true });
    const refused = await t.accounts.authorizeSync({ headers: { cookie: zedCookie } } as never, 'acme-globex');
    expect(refused.ok).toBe(false);

    // Reactivated, they sign in again.
    expect((await call('POST', `/api/companies/globex/users/${zed.id}/reactivate`, { who: 'cara' })).statusCode).toBe(
      200,
    );
    await t.login('zed@globex.example', 'a fine password');
  });
});

describe('rate limits', () => {
  it('limits invitations per admin and acceptances per IP with 429 and Retry-After', async () => {
    const limited = await startTestApp({
      linkLimits: { invitePerUser: { max: 2, windowMs: 60_000 }, acceptPerIp: { max: 2, windowMs: 60_000 } },
    });
    try {
      const ada = await limited.login('ada@acme.example');
      const send = (email: string) =>
        limited.app.inject({
          method: 'POST',
          url: '/api/companies/acme/invitations',
          headers: { cookie: ada },
          payload: { email, role: 'member' },
        });
      expect((await send('a1@acme.example')).statusCode).toBe(201);
      expect((await send('a2@acme.example')).statusCode).toBe(201);
      const third = await send('a3@acme.example');
      expect(third.statusCode).toBe(429);
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      const tries = [];
      for (let i = 0; i < 3; i++) {
        tries.push(
          (
            await limited.app.inject({
              method: 'POST',
              url: `/api/invitations/${'y'.repeat(43)}/accept`,
              payload: { name: 'N', password: 'a fine password' },
            })
          ).statusCode,
        );
      }
      expect(tries).toEqual([404, 404, 429]);
    } finally {
      await limited.destroy();
    }
  });
});
