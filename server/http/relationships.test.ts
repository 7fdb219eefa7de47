import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readObjectives, readProjects, richTextToPlain, getPrinciples } from '../../shared/schema.ts';
import { startTestApp, type TestApp } from '../accounts/testing.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['ada', 'ben', 'cara', 'dan', 'vic', 'ivy', 'eve']) {
    const domain = {
      ada: 'acme',
      ben: 'acme',
      cara: 'globex',
      dan: 'globex',
      vic: 'globex',
      ivy: 'initech',
      eve: 'initech',
    }[u];
    cookies[u] = await t.login(`${u}@${domain}.example`);
  }
});
afterAll(() => t.destroy());

const get = (who: string | null, url: string) => t.app.inject({ url, headers: who ? { cookie: cookies[who] } : {} });
const send = (who: string | null, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: who ? { cookie: cookies[who] } : {}, payload: payload as object });

describe('GET /api/relationships', () => {
  it('lists only the relationships the user takes part in, with role and configured', async () => {
    const dan = await get('dan', '/api/relationships');
    expect(dan.statusCode).toBe(200);
    expect(dan.json()).toEqual([
      {
        id: 'acme-globex',
        name: 'Acme Retail × Globex Supply',
        ownerCompanyId: 'acme',
        parties: [
          { id: 'acme', name: 'Acme Retail' },
          { id: 'globex', name: 'Globex Supply' },
        ],
        myRole: 'member',
        configured: true,
        status: 'active',
        archived: false,
        ownerAdmins: [{ id: 'u_ada', name: 'Ada Lovelace' }],
      },
      {
        id: 'initech-globex',
        name: 'Initech × Globex Supply',
        ownerCompanyId: 'initech',
        parties: [
          { id: 'initech', name: 'Initech' },
          { id: 'globex', name: 'Globex Supply' },
        ],
        myRole: 'member',
        configured: false,
        status: 'active',
        archived: false,
        ownerAdmins: [{ id: 'u_ivy', name: 'Ivy Chen' }],
      },
    ]);
    const roles = async (who: string) =>
      (await get(who, '/api/relationships')).json().map((r: { id: string; myRole: string }) => `${r.id}:${r.myRole}`);
    expect(await roles('ada')).toEqual(['acme-globex:admin']);
    expect(await roles('ben')).toEqual(['acme-globex:member']);
    expect(await roles('cara')).toEqual(['acme-globex:admin', 'initech-globex:admin']);
    expect(await roles('vic')).toEqual(['acme-globex:viewer']);
    expect(await roles('ivy')).toEqual(['initech-globex:admin']);
    expect(await roles('eve')).toEqual(['initech-globex:member']);
  });

  it('is 401 without a session', async () => {
    expect((await get(null, '/api/relationships')).statusCode).toBe(401);
  });
});

describe('GET /api/relationships/:id', () => {
  it('answers the same object to a participant', async () => {
    const res = await get('vic', '/api/relationships/acme-globex');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: 'acme-globex', myRole: 'viewer', configured: true });
  });

  it('is 403 for a non-participant, 404 for an unknown id, 400 for a malformed id, 401 without a session', async () => {
    expect((await get('eve', '/api/relationships/acme-globex')).json()).toEqual({
      error: 'forbidden',
      message: expect.any(String),
    });
    expect((await get('eve', '/api/relationships/acme-globex')).statusCode).toBe(403);
    expect((await get('eve', '/api/relationships/nope')).statusCode).toBe(404);
    expect((await get('eve', '/api/relationships/nope')).json().error).toBe('not_found');
    expect((await get('eve', '/api/relationships/a%20b')).statusCode).toBe(400);
    expect((await get(null, '/api/relationships/acme-globex')).statusCode).toBe(401);
  });
});

describe('the seeded acme-globex plan', () => {
  it('was built through createDocument from Acme’s settings', () => {
    const doc = t.docs.docs.get('acme-globex')!;
    expect(doc).toBeDefined();
    const objectives = readObjectives(doc);
    expect(objectives.map((o) => o.catalogId)).toEqual(['cat_otif', 'cat_stockouts', 'cat_leadtime']);
    expect(objectives.every((o) => o.dueDate !== null)).toBe(true);
    expect(richTextToPlain(getPrinciples(doc)).split('\n')).toHaveLength(2);
    const [project] = readProjects(doc);
    expect(project.isAccountPlanProject).toBe(true);
    expect(project.activities).toHaveLength(2);
    expect(t.docs.docs.has('initech-globex')).toBe(false);
  });
});

describe('POST /api/relationships/:id/plan', () => {
  it('is 403 for anyone but a Company Admin of the owner', async () => {
    for (const who of ['cara', 'dan', 'eve']) {
      const res = await send(who, 'POST', '/api/relationships/initech-globex/plan', {});
      expect(res.statusCode, who).toBe(403);
    }
  });

  it('is 409 already_configured for a configured plan', async () => {
    const res = await send('ada', 'POST', '/api/relationships/acme-globex/plan', {});
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ error: 'already_configured', message: expect.any(String) });
  });

  it('is 409 area_not_configured while the owner’s settings are not enabled', async () => {
    const res = await send('ivy', 'POST', '/api/relationships/initech-globex/plan');
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('area_not_configured');
  });

  it('is 404 for an unknown relationship and 400 for a bad body', async () => {
    expect((await send('ivy', 'POST', '/api/relationships/nope/plan', {})).statusCode).toBe(404);
    expect(
      (await send('ivy', 'POST', '/api/relationships/initech-globex/plan', { objectiveIds: 'x' })).statusCode,
    ).toBe(400);
    expect((await send('ivy', 'POST', '/api/relationships/initech-globex/plan', { extra: 1 })).statusCode).toBe(400);
  });

  it('creates the plan from the owner’s settings once enabled, with a chosen subset; unknown ids are 400', async () => {
    const settings = (await get('ivy', '/api/companies/initech/account-plan-settings')).json();
    const put = await send('ivy', 'PUT', '/api/companies/initech/account-plan-settings', {
      ...settings,
      enabled: true,
    });
    expect(put.statusCode).toBe(200);

    const unknown = await send('ivy', 'POST', '/api/relationships/initech-globex/plan', { objectiveIds: ['cat_nope'] });
    expect(unknown.statusCode).toBe(400);
    expect(t.docs.docs.has('initech-globex')).toBe(false);

    const first = settings.objectives[0].id;
    const res = await send('ivy', 'POST', '/api/relationships/initech-globex/plan', { objectiveIds: [first] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ configured: true });
    const doc = t.docs.docs.get('initech-globex')!;
    expect(readObjectives(doc).map((o) => o.catalogId)).toEqual([first]);
    expect(richTextToPlain(getPrinciples(doc))).toContain(settings.principles[0]);
    expect(readProjects(doc)[0]).toMatchObject({ isAccountPlanProject: true, createdBy: 'u_ivy' });

    expect((await get('dan', '/api/relationships/initech-globex')).json().configured).toBe(true);
    expect((await send('ivy', 'POST', '/api/relationships/initech-globex/plan', {})).json().error).toBe(
      'already_configured',
    );
  });
});
