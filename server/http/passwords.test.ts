/**
 * CONTRACT 8 passwords over the REST API: change your own, reset by e-mailed link, and a Company
 * Admin's reset link when there is no mail. Real Fastify, LevelDB and SMTP server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/closeCodes.ts';
import { startTestApp, cookieHeader, type TestApp } from '../accounts/testing.ts';
import { startTestSmtp, linkIn, type TestSmtp } from '../mail/testSmtp.ts';
import { scryptDerivations } from '../accounts/passwords.ts';

let clock = Date.now();
let t: TestApp;
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp({ config: { PUBLIC_URL: 'https://charter.example', SMTP_URL: smtp.url }, now: () => clock });
});
afterAll(async () => {
  await t.destroy();
  await smtp.close();
});

const call = (method: 'GET' | 'POST', url: string, cookie?: string, body?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: cookie ? { cookie } : {},
    ...(body !== undefined ? { payload: body as object } : {}),
  });
const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);

async function syncCtx(cookie: string) {
  const r = await t.accounts.authorizeSync({ headers: { cookie } } as never, 'acme-globex');
  if (!r.ok) throw new Error(String(r.status));
  return r.ctx;
}

describe('POST /api/me/password', () => {
  it('changes the password and ends the person’s other sessions (their sockets close 4401), not this one', async () => {
    const here = await t.login('ben@acme.example');
    const elsewhere = await t.login('ben@acme.example');
    const socket = t.docs.open(await syncCtx(elsewhere));
    const mine = t.docs.open(await syncCtx(here));

    const wrong = await call('POST', '/api/me/password', here, { current: 'not it', next: 'a brand new password' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toBe('invalid_credentials');
    const weak = await call('POST', '/api/me/password', here, { current: 'demo-password', next: 'short' });
    expect(weak.json().error).toBe('weak_password');
    expect(
      (await call('POST', '/api/me/password', undefined, { current: 'demo-password', next: 'a brand new password' }))
        .statusCode,
    ).toBe(401);
    expect(socket.closed).toBeNull();

    expect(
      (await call('POST', '/api/me/password', here, { current: 'demo-password', next: 'a brand new password' }))
        .statusCode,
    ).toBe(204);
    expect(socket.closed?.code).toBe(CloseCode.SessionEnded);
    expect(mine.closed).toBeNull();
    expect((await call('GET', '/api/me', elsewhere)).statusCode).toBe(401);
    expect((await call('GET', '/api/me', here)).statusCode).toBe(200);
    await expect(t.login('ben@acme.example')).rejects.toThrow(/401/);
    await t.login('ben@acme.example', 'a brand new password');
    expect(
      (await call('POST', '/api/me/password', here, { current: 'a brand new password', next: 'demo-password' }))
        .statusCode,
    ).toBe(204);
  });
});

describe('password reset by e-mail', () => {
  it('e-mails a one-hour, single-use link; using it signs in and ends other sessions', async () => {
    const old = await t.login('dan@globex.example');
    const res = await call('POST', '/api/auth/reset', undefined, { email: ' Dan@Globex.example ' });
    expect(res.statusCode).toBe(202);
    const mail = await smtp.next('dan@globex.example');
    const link = linkIn(mail, 'reset');
    expect(link).toMatch(/^https:\/\/charter\.example\/reset\/[A-Za-z0-9_-]{43}$/);
    expect(mail.subject).toBe('Reset your Charter password');

    expect((await call('GET', `/api/auth/reset/${tokenOf(link)}`)).json()).toMatchObject({
      email: 'dan@globex.example',
    });
    expect((await call('POST', `/api/auth/reset/${tokenOf(link)}`, undefined, { password: 'tiny' })).json().error).toBe(
      'weak_password',
    );
    const done = await call('POST', `/api/auth/reset/${tokenOf(link)}`, undefined, { password: 'reset and fresh' });
    expect(done.statusCode).toBe(200);
    expect(done.json().user.email).toBe('dan@globex.example');
    expect((await call('GET', '/api/me', cookieHeader(done))).statusCode).toBe(200);
    expect((await call('GET', '/api/me', old)).statusCode).toBe(401);
    await t.login('dan@globex.example', 'reset and fresh');

    const again = await call('POST', `/api/auth/reset/${tokenOf(link)}`, undefined, { password: 'another new one' });
    expect(again.statusCode).toBe(410);
    expect(again.json().error).toBe('link_used');
    expect((await call('GET', `/api/auth/reset/${'z'.repeat(43)}`)).statusCode).toBe(404);
  });

  it('expires after one hour (410 link_expired)', async () => {
    await call('POST', '/api/auth/reset', undefined, { email: 'vic@globex.example' });
    const link = linkIn(await smtp.next('vic@globex.example'), 'reset');
    clock += 60 * 60 * 1000 + 1;
    try {
      const res = await call('POST', `/api/auth/reset/${tokenOf(link)}`, undefined, { password: 'too late for this' });
      expect(res.statusCode).toBe(410);
      expect(res.json().error).toBe('link_expired');
    } finally {
      clock -= 60 * 60 * 1000 + 1;
    }
    await t.login('vic@globex.example');
  });

  it('answers 202 for unknown addresses too, sends nothing, and never waits on the mail server', async () => {
    const unknown = await call('POST', '/api/auth/reset', undefined, { email: 'nobody@nowhere.example' });
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe((await call('POST', '/api/auth/reset', undefined, { email: 'ada@acme.example' })).body);
    await smtp.next('ada@acme.example');

    // With the SMTP server holding every message, a known address still answers at once.
    const release = smtp.hold();
    try {
      const known = await call('POST', '/api/auth/reset', undefined, { email: 'cara@globex.example' });
      expect(known.statusCode).toBe(202);
      expect(smtp.received.some((m) => m.to.includes('cara@globex.example'))).toBe(false);
    } finally {
      release();
    }
    await smtp.next('cara@globex.example');
    expect(smtp.received.some((m) => m.to.includes('nobody@nowhere.example'))).toBe(false);
  });

  it('does the same scrypt work for known and unknown addresses: exactly one each', async () => {
    // Counted, not timed: one derivation dominates either answer, and wall-clock times on a shared
    // machine prove nothing. The mail for a known address is sent after the answer (test above).
    const work = async (email: string) => {
      const before = scryptDerivations();
      expect((await call('POST', '/api/auth/reset', undefined, { email })).statusCode).toBe(202);
      return scryptDerivations() - before;
    };
    expect(await work('eve@initech.example')).toBe(1);
    expect(await work('ghost@nowhere.example')).toBe(1);
    expect(await work('EVE@initech.example ')).toBe(1);
    await smtp.next('eve@initech.example');
    await smtp.next('eve@initech.example');
  });

  it('limits reset requests per address with 429', async () => {
    const limited = await startTestApp({ linkLimits: { resetPerEmail: { max: 2, windowMs: 60_000 } } });
    try {
      const ask = () =>
        limited.app.inject({ method: 'POST', url: '/api/auth/reset', payload: { email: 'someone@anywhere.example' } });
      expect([(await ask()).statusCode, (await ask()).statusCode, (await ask()).statusCode]).toEqual([202, 202, 429]);
    } finally {
      await limited.destroy();
    }
  });
});

describe('a Company Admin’s reset link (no mail needed)', () => {
  it('issues a link for someone of their company only', async () => {
    const ada = await t.login('ada@acme.example');
    const ben = await t.login('ben@acme.example');
    const cara = await t.login('cara@globex.example');
    const res = await call('POST', '/api/companies/acme/users/u_ben/reset-link', ada);
    expect(res.statusCode).toBe(201);
    const { link } = res.json<{ link: string }>();
    expect(link).toMatch(/\/reset\//);
    expect(linkIn(await smtp.next('ben@acme.example'), 'reset')).toBe(link);

    expect((await call('POST', '/api/companies/acme/users/u_ben/reset-link', cara)).statusCode).toBe(403);
    expect((await call('POST', '/api/companies/acme/users/u_ada/reset-link', ben)).statusCode).toBe(403);
    expect((await call('POST', '/api/companies/acme/users/u_cara/reset-link', ada)).statusCode).toBe(404);

    const done = await call('POST', `/api/auth/reset/${tokenOf(link)}`, undefined, { password: 'set by the link' });
    expect(done.statusCode).toBe(200);
    expect((await call('GET', '/api/me', ben)).statusCode).toBe(401);
    await t.login('ben@acme.example', 'set by the link');
  });
});
