import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../accounts/testing.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await startTestApp();
  for (const [u, d] of [
    ['ada', 'acme'],
    ['ben', 'acme'],
    ['cara', 'globex'],
    ['ivy', 'initech'],
    ['eve', 'initech'],
  ]) {
    cookies[u] = await t.login(`${u}@${d}.example`);
  }
});
afterAll(() => t.destroy());

const get = (who: string | null, url: string) => t.app.inject({ url, headers: who ? { cookie: cookies[who] } : {} });
const put = (who: string | null, url: string, payload: unknown) =>
  t.app.inject({ method: 'PUT', url, headers: who ? { cookie: cookies[who] } : {}, payload: payload as object });

const validBody = () => ({
  enabled: true,
  objectives: [
    {
      id: 'cat_otif',
      title: 'On-time delivery',
      description: 'd',
      measure: { unit: '%', baseline: 80, target: 95, direction: 'increase' },
    },
    { title: 'New one', description: '', measure: { unit: 'days', baseline: 10, target: 5, direction: 'decrease' } },
  ],
  principles: ['Be open'],
  behaviours: ['Meet monthly'],
});

describe('GET /api/companies/:companyId/account-plan-settings', () => {
  it('answers the company’s settings to its own people', async () => {
    for (const who of ['ada', 'ben']) {
      const res = await get(who, '/api/companies/acme/account-plan-settings');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.enabled).toBe(true);
      expect(body.objectives).toHaveLength(4);
      expect(body.objectives[0]).toEqual({
        id: 'cat_otif',
        title: expect.any(String),
        description: expect.any(String),
        measure: { unit: '%', baseline: 82, target: 95, direction: 'increase' },
      });
      expect(body.principles).toHaveLength(2);
      expect(body.behaviours).toHaveLength(2);
    }
  });

  it('is 403 for another company, 401 without a session', async () => {
    expect((await get('cara', '/api/companies/acme/account-plan-settings')).statusCode).toBe(403);
    expect((await get(null, '/api/companies/acme/account-plan-settings')).statusCode).toBe(401);
  });

  it('answers empty, disabled settings for a company that has none', async () => {
    const res = await get('cara', '/api/companies/globex/account-plan-settings');
    expect(res.json()).toEqual({ enabled: false, objectives: [], principles: [], behaviours: [] });
  });
});

describe('PUT /api/companies/:companyId/account-plan-settings', () => {
  it('replaces the settings, keeps given ids and assigns ids to new objectives', async () => {
    const res = await put('ada', '/api/companies/acme/account-plan-settings', validBody());
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.objectives[0].id).toBe('cat_otif');
    expect(body.objectives[1].id).toMatch(/^cat_[a-z0-9]+$/);
    expect((await get('ben', '/api/companies/acme/account-plan-settings')).json()).toEqual(body);
  });

  it('is 403 for a member of the company or an admin of another company', async () => {
    expect((await put('ben', '/api/companies/acme/account-plan-settings', validBody())).statusCode).toBe(403);
    expect((await put('cara', '/api/companies/acme/account-plan-settings', validBody())).statusCode).toBe(403);
  });

  it('is 401 without a session, before looking at the body', async () => {
    expect((await put(null, '/api/companies/acme/account-plan-settings', { junk: true })).statusCode).toBe(401);
  });

  const invalid: Array<[string, (b: ReturnType<typeof validBody>) => unknown]> = [
    ['missing field', (b) => ({ ...b, behaviours: undefined })],
    ['wrong type', (b) => ({ ...b, enabled: 'yes' })],
    ['unknown top-level field', (b) => ({ ...b, color: 'red' })],
    ['unknown objective field', (b) => ({ ...b, objectives: [{ ...b.objectives[0], owner: 'x' }] })],
    [
      'unknown measure field',
      (b) => ({ ...b, objectives: [{ ...b.objectives[0], measure: { ...b.objectives[0].measure, extra: 1 } }] }),
    ],
    [
      'bad direction',
      (b) => ({ ...b, objectives: [{ ...b.objectives[0], measure: { ...b.objectives[0].measure, direction: 'up' } }] }),
    ],
    [
      'number as string',
      (b) => ({ ...b, objectives: [{ ...b.objectives[0], measure: { ...b.objectives[0].measure, target: '95' } }] }),
    ],
    ['empty title', (b) => ({ ...b, objectives: [{ ...b.objectives[0], title: '' }] })],
    ['duplicate ids', (b) => ({ ...b, objectives: [b.objectives[0], b.objectives[0]] })],
    ['not an object', () => [1, 2]],
  ];
  it.each(invalid)('is 400 for an invalid body: %s', async (_name, make) => {
    const res = await put('ada', '/api/companies/acme/account-plan-settings', make(validBody()));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'bad_request', message: expect.any(String) });
  });
});

describe('optimistic concurrency on the settings (ETag, If-Match)', () => {
  const url = '/api/companies/initech/account-plan-settings';
  const putIf = (who: string, payload: unknown, ifMatch?: string) =>
    t.app.inject({
      method: 'PUT',
      url,
      headers: { cookie: cookies[who], ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) },
      payload: payload as object,
    });
  const current = async () => {
    const res = await get('ivy', url);
    return { etag: res.headers.etag as string, body: res.json() };
  };

  it('GET sends the version as a strong ETag; a GET body PUT back as it is stays valid', async () => {
    const { etag, body } = await current();
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(Object.keys(body).sort()).toEqual(['behaviours', 'enabled', 'objectives', 'principles']);
    const res = await putIf('ivy', body, etag);
    expect(res.statusCode).toBe(200);
    // Same content, same version.
    expect(res.headers.etag).toBe(etag);
  });

  it('a PUT with the current version is saved and answers the new version', async () => {
    const { etag, body } = await current();
    const res = await putIf('ivy', { ...body, principles: [...body.principles, 'Share forecasts early'] }, etag);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).not.toBe(etag);
    expect((await current()).etag).toBe(res.headers.etag);
  });

  it('a stale If-Match is 409 conflict with the current settings and version, and nothing is written', async () => {
    const opened = await current();
    const first = await putIf(
      'ivy',
      { ...opened.body, behaviours: [...opened.body.behaviours, 'Answer within a day'] },
      opened.etag,
    );
    expect(first.statusCode).toBe(200);
    const stored = await current();

    const stale = await putIf('ivy', { ...opened.body, enabled: !opened.body.enabled, principles: [] }, opened.etag);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toEqual({ error: 'conflict', message: expect.any(String), current: stored.body });
    expect(stale.headers.etag).toBe(stored.etag);
    expect(await current()).toEqual(stored);
  });

  it('If-Match takes a list and *; weak or unknown tags are stale', async () => {
    const { etag, body } = await current();
    expect((await putIf('ivy', body, `"nope", ${etag}`)).statusCode).toBe(200);
    expect((await putIf('ivy', body, '*')).statusCode).toBe(200);
    expect((await putIf('ivy', body, `W/${etag}`)).statusCode).toBe(409);
    expect((await putIf('ivy', body, etag.replace(/"/g, ''))).statusCode).toBe(409);
    expect((await putIf('ivy', body, '')).statusCode).toBe(409);
  });

  it('without If-Match a PUT replaces the settings whatever the version (CONTRACT 4)', async () => {
    const { body } = await current();
    const res = await putIf('ivy', { ...body, principles: ['Unconditional'] });
    expect(res.statusCode).toBe(200);
    expect((await current()).body.principles).toEqual(['Unconditional']);
  });

  it('two PUTs racing on one version: exactly one is saved', async () => {
    const { etag, body } = await current();
    const [a, b] = await Promise.all([
      putIf('ivy', { ...body, principles: ['From A'] }, etag),
      putIf('ivy', { ...body, principles: ['From B'] }, etag),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? 'From A' : 'From B';
    expect((await current()).body.principles).toEqual([winner]);
  });

  it('authorization and validation come first: 403 and 400 whatever the If-Match', async () => {
    const { etag, body } = await current();
    expect((await putIf('eve', body, etag)).statusCode).toBe(403);
    expect((await putIf('cara', body, '"stale"')).statusCode).toBe(403);
    expect((await putIf('ivy', { ...body, enabled: 'yes' }, '"stale"')).statusCode).toBe(400);
    expect((await current()).etag).toBe(etag);
  });
});

describe('GET /api/companies/:companyId/users', () => {
  it('lists a company’s people to its Company Admins, without password material', async () => {
    const res = await get('ada', '/api/companies/acme/users');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      {
        id: 'u_ada',
        name: 'Ada Lovelace',
        email: 'ada@acme.example',
        companyId: 'acme',
        companyRole: 'admin',
        deactivatedAt: null,
      },
      {
        id: 'u_ben',
        name: 'Ben Okafor',
        email: 'ben@acme.example',
        companyId: 'acme',
        companyRole: 'member',
        deactivatedAt: null,
      },
    ]);
  });

  it('lists a partner’s people to admins of a relationship with that partner', async () => {
    expect((await get('ada', '/api/companies/globex/users')).statusCode).toBe(200);
    expect((await get('cara', '/api/companies/initech/users')).statusCode).toBe(200);
  });

  it('is 403 for members and for admins without a relationship to that company', async () => {
    expect((await get('ben', '/api/companies/acme/users')).statusCode).toBe(403);
    expect((await get('eve', '/api/companies/initech/users')).statusCode).toBe(403);
    expect((await get('ivy', '/api/companies/acme/users')).statusCode).toBe(403);
    expect((await get(null, '/api/companies/acme/users')).statusCode).toBe(401);
  });
});
