/**
 * HTTP hardening through the real app: headers and CSP, the CSRF check on writes, body limits,
 * and error bodies that never carry a stack or an internal message. The built web client under
 * this policy in Chromium is an end-to-end test: e2e/csp.e2e.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { buildApp } from '../app.ts';
import { makeConfig } from '../config.ts';
import { login, startServer, tempDir, type TestServer } from '../testing/harness.ts';
import { checkCrossSiteWrite, contentSecurityPolicy } from './index.ts';

let s: TestServer;
let origin: string;

beforeAll(async () => {
  // ALLOWED_ORIGINS must name the chosen port, so start once on port 0 to learn nothing: the
  // default list is derived from PORT, and here we pin it to the origins the tests send.
  s = await startServer({ SEED: 'demo', ALLOWED_ORIGINS: ['http://app.test:3000', 'http://127.0.0.1:3000'] });
  origin = 'http://app.test:3000';
});
afterAll(async () => {
  await s?.destroy();
});

const post = (url: string, headers: Record<string, string>, body: unknown = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('security headers', () => {
  it('sends a CSP the SPA works under, and the usual hardening headers', async () => {
    const res = await fetch(`${s.url}/api/health`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toMatch(/connect-src 'self'[^;]*ws:\/\/app\.test:3000/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    // Plain http: HSTS would be meaningless, and is left off.
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('behind https (COOKIE_SECURE) adds HSTS and upgrade-insecure-requests', () => {
    const csp = contentSecurityPolicy({ ALLOWED_ORIGINS: ['https://charter.example'], COOKIE_SECURE: true });
    expect(csp['upgrade-insecure-requests']).toEqual([]);
    expect(csp['connect-src']).toEqual(["'self'", 'wss://charter.example']);
  });
});

describe('CSRF: writes from a browser page outside ALLOWED_ORIGINS', () => {
  it('decides by Origin, then Referer, and lets non-browser clients through', () => {
    const allowed = ['http://app.test:3000'];
    expect(checkCrossSiteWrite('GET', { origin: 'http://evil.test' }, allowed).ok).toBe(true);
    expect(checkCrossSiteWrite('POST', { origin: 'http://evil.test' }, allowed).ok).toBe(false);
    expect(checkCrossSiteWrite('DELETE', { origin: 'null' }, allowed).ok).toBe(false);
    expect(checkCrossSiteWrite('PUT', { origin: 'http://app.test:3000' }, allowed).ok).toBe(true);
    expect(checkCrossSiteWrite('POST', { referer: 'http://evil.test/page' }, allowed).ok).toBe(false);
    expect(checkCrossSiteWrite('POST', { referer: 'http://app.test:3000/relationships' }, allowed).ok).toBe(true);
    expect(checkCrossSiteWrite('POST', { referer: 'not a url' }, allowed).ok).toBe(false);
    expect(checkCrossSiteWrite('POST', {}, allowed).ok).toBe(true);
  });

  it('refuses a cross-site login and logout with 403 {error, message}; the session keeps working', async () => {
    const creds = { email: 'ada@acme.example', password: 'demo-password' };
    const evil = await post(`${s.url}/api/auth/login`, { origin: 'http://evil.test' }, creds);
    expect(evil.status).toBe(403);
    const body = await evil.json();
    expect(body).toEqual({ error: 'forbidden', message: expect.any(String) });
    expect(evil.headers.get('set-cookie')).toBeNull();

    const cookie = await login(s.url, creds.email);
    const byReferer = await post(`${s.url}/api/auth/logout`, { cookie, referer: 'http://evil.test/x' });
    expect(byReferer.status).toBe(403);
    const me = await fetch(`${s.url}/api/me`, { headers: { cookie } });
    expect(me.status).toBe(200);

    const fromApp = await post(`${s.url}/api/auth/login`, { origin }, creds);
    expect(fromApp.status).toBe(200);
  });
});

describe('limits and error bodies', () => {
  it('answers an oversized body with 413 in the API shape', async () => {
    const res = await fetch(`${s.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'x'.repeat(2 * 1024 * 1024), password: 'p' }),
    });
    expect(res.status).toBe(413);
    const body = await res.json();
    expect(body.error).toBe('payload_too_large');
    expect(JSON.stringify(body)).not.toMatch(/ at |\.ts:|node_modules/);
  });

  it('answers malformed JSON with 400, and never sends a stack', async () => {
    const res = await fetch(`${s.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: 'bad_request' });
    expect(text).not.toMatch(/stack| at .*\(|\.ts:\d+/);
  });

  it('hides an unexpected failure outside /api behind a generic 500', async () => {
    const dir = await tempDir();
    const app = await buildApp(makeConfig({ PORT: 0, DATA_DIR: dir, SEED: 'none', LOG_LEVEL: 'silent' }));
    try {
      app.fastify.get('/boom', async () => {
        throw new Error('secret internals at /srv/charter/db.ts:42');
      });
      const res = await app.fastify.inject({ method: 'GET', url: '/boom' });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: 'internal_error', message: expect.any(String) });
      expect(res.body).not.toContain('secret internals');
      expect(res.body).not.toContain('db.ts');
    } finally {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
