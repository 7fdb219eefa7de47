import { afterEach, describe, expect, it } from 'vitest';
import { cookieHeader, startTestApp, type TestApp } from '../accounts/testing.ts';
import { CloseCode } from '../../shared/closeCodes.ts';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.destroy();
  t = null;
});

const login = (app: TestApp['app'], email: string, password: string, ip = '10.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: ip });

describe('POST /api/auth/login', () => {
  it('answers 200 {user} and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    t = await startTestApp();
    const res = await login(t.app, 'ada@acme.example', 'demo-password');
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({
      id: 'u_ada',
      email: 'ada@acme.example',
      name: 'Ada Lovelace',
      companyId: 'acme',
      companyRole: 'admin',
      companyName: 'Acme Retail',
    });
    const cookie = res.cookies.find((c) => c.name === 'charter_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy();
    expect(cookie.path).toBe('/');
    expect(Buffer.from(cookie.value, 'base64url').length).toBe(32);
  });

  it('sets Secure when COOKIE_SECURE', async () => {
    t = await startTestApp({ config: { COOKIE_SECURE: true } });
    const res = await login(t.app, 'ada@acme.example', 'demo-password');
    expect(res.cookies[0].secure).toBe(true);
  });

  it('matches emails case-insensitively', async () => {
    t = await startTestApp();
    expect((await login(t.app, ' Ada@ACME.example', 'demo-password')).statusCode).toBe(200);
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    t = await startTestApp();
    const wrong = await login(t.app, 'ada@acme.example', 'nope');
    const unknown = await login(t.app, 'nobody@acme.example', 'nope');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: 'invalid_credentials', message: expect.any(String) });
    expect(unknown.body).toBe(wrong.body);
    expect(unknown.cookies).toEqual([]);
  });

  it('rate limits failures per email with 429 and Retry-After, also for the right password', async () => {
    t = await startTestApp({ limits: { maxFailuresPerEmail: 3, maxFailuresPerIp: 100 } });
    for (let i = 0; i < 3; i++)
      expect((await login(t.app, 'ben@acme.example', 'x', `10.0.0.${i}`)).statusCode).toBe(401);
    const res = await login(t.app, 'ben@acme.example', 'demo-password', '10.0.0.99');
    expect(res.statusCode).toBe(429);
    expect(res.json()).toEqual({ error: 'too_many_requests', message: expect.any(String) });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // Other accounts are unaffected.
    expect((await login(t.app, 'ada@acme.example', 'demo-password', '10.0.0.99')).statusCode).toBe(200);
  });

  it('rate limits failures per IP across emails', async () => {
    t = await startTestApp({ limits: { maxFailuresPerEmail: 100, maxFailuresPerIp: 4 } });
    for (let i = 0; i < 4; i++) await login(t.app, `guess${i}@acme.example`, 'x', '10.9.9.9');
    const res = await login(t.app, 'ada@acme.example', 'demo-password', '10.9.9.9');
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
    expect((await login(t.app, 'ada@acme.example', 'demo-password', '10.1.1.1')).statusCode).toBe(200);
  });

  it.each([
    ['missing password', { email: 'ada@acme.example' }],
    ['wrong type', { email: 'ada@acme.example', password: 123 }],
    ['unknown field', { email: 'ada@acme.example', password: 'demo-password', admin: true }],
    ['empty body', undefined],
  ])('refuses a bad body (%s) with 400 bad_request', async (_name, payload) => {
    t ??= await startTestApp();
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: payload as object });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'bad_request', message: expect.any(String) });
    expect(res.body).not.toContain('demo-password');
  });

  it('refuses malformed JSON with 400 in the error shape', async () => {
    t = await startTestApp();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('bad_request');
  });
});

describe('GET /api/me and POST /api/auth/logout', () => {
  it('GET /api/me answers the user, 401 without or with a bad cookie', async () => {
    t = await startTestApp();
    const cookie = await t.login('cara@globex.example');
    const me = await t.app.inject({ url: '/api/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({
      id: 'u_cara',
      email: 'cara@globex.example',
      name: 'Cara Jensen',
      companyId: 'globex',
      companyRole: 'admin',
      companyName: 'Globex Supply',
      color: expect.stringMatching(/^#[0-9a-f]{6}$/),
    });
    expect((await t.app.inject({ url: '/api/me' })).statusCode).toBe(401);
    const bad = await t.app.inject({ url: '/api/me', headers: { cookie: 'charter_session=forged' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toEqual({ error: 'unauthorized', message: expect.any(String) });
  });

  it('logout answers 204, ends the session, closes its sockets with 4401 and clears the cookie', async () => {
    t = await startTestApp();
    const cookie = await t.login('dan@globex.example');
    const other = await t.login('dan@globex.example');
    const auth = await t.app.inject({ url: '/api/me', headers: { cookie } });
    expect(auth.statusCode).toBe(200);
    // Sockets of this session and of another session of the same user.
    const ctxFor = async (c: string) => {
      const route = await authorizeVia(t!, c);
      return route;
    };
    const mine = t.docs.open(await ctxFor(cookie));
    const theirs = t.docs.open(await ctxFor(other));

    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(out.body).toBe('');
    const cleared = out.cookies.find((c) => c.name === 'charter_session')!;
    expect(cleared.value).toBe('');
    expect(mine.closed).toEqual({ code: CloseCode.SessionEnded, reason: 'logged out' });
    expect(theirs.closed).toBeNull();
    expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: other } })).statusCode).toBe(200);
    // Logging out again, or without a session, is harmless.
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
  });
});

/** The connection context the sync layer would get for this cookie on acme-globex. */
async function authorizeVia(t: TestApp, cookie: string) {
  const fake = { headers: { cookie } } as unknown as Parameters<TestApp['accounts']['authorizeSync']>[0];
  const result = await t.accounts.authorizeSync(fake, 'acme-globex');
  if (!result.ok) throw new Error(`not authorized: ${result.status}`);
  return result.ctx;
}

describe('sessions', () => {
  it('survive a restart (same DATA_DIR), and a logged-out one stays dead after it', async () => {
    const first = await startTestApp();
    const live = await first.login('ada@acme.example');
    const dead = await first.login('ben@acme.example');
    await first.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: dead } });
    await first.stop();

    t = await startTestApp({ dir: first.dir });
    const me = await t.app.inject({ url: '/api/me', headers: { cookie: live } });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe('u_ada');
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: dead } })).statusCode).toBe(401);
  });

  it('expire after SESSION_IDLE_MS without use, and use slides the expiry', async () => {
    let now = 1_800_000_000_000;
    t = await startTestApp({ config: { SESSION_IDLE_MS: 60_000 }, now: () => now });
    const cookie = await t.login('ada@acme.example');
    now += 50_000;
    const slid = await t.app.inject({ url: '/api/me', headers: { cookie } });
    expect(slid.statusCode).toBe(200);
    expect(cookieHeader(slid)).toContain('charter_session=');
    now += 50_000; // 100 s after login, 50 s after last use
    expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    now += 61_000;
    expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
  });
});

describe('GET /api/config', () => {
  it('lists the demo accounts when SEED=demo, without any hash', async () => {
    t = await startTestApp();
    const res = await t.app.inject({ url: '/api/config' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.demo).toBe(true);
    expect(body.demoAccounts).toHaveLength(7);
    expect(body.demoAccounts[0]).toEqual({
      id: 'u_ada',
      email: 'ada@acme.example',
      description: 'Company Admin',
      color: expect.stringMatching(/^#[0-9a-f]{6}$/),
      name: 'Ada Lovelace',
      companyName: 'Acme Retail',
      role: 'admin',
    });
    expect(res.body).not.toContain('scrypt$');
  });

  it('says demo:false with SEED=none, and nothing was seeded', async () => {
    t = await startTestApp({ config: { SEED: 'none' } });
    expect((await t.app.inject({ url: '/api/config' })).json()).toEqual({ demo: false, mail: false });
    expect((await login(t.app, 'ada@acme.example', 'demo-password')).statusCode).toBe(401);
  });
});

describe('the /api scope', () => {
  it('answers unknown routes 404 in the error shape', async () => {
    t = await startTestApp();
    const res = await t.app.inject({ url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'not_found', message: expect.any(String) });
  });

  it('refuses writes from an origin outside ALLOWED_ORIGINS', async () => {
    t = await startTestApp();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'http://evil.example' },
      payload: { email: 'ada@acme.example', password: 'demo-password' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.cookies).toEqual([]);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'http://localhost:3000' },
      payload: { email: 'ada@acme.example', password: 'demo-password' },
    });
    expect(ok.statusCode).toBe(200);
  });
});
