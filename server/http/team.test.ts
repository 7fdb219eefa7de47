import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSON_PALETTE } from '../../shared/presence.ts';
import { CloseCode } from '../../shared/closeCodes.ts';
import { startTestApp, type TestApp } from '../accounts/testing.ts';
import type { ConnectionContext } from '../sync/types.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await startTestApp();
  for (const [u, d] of [
    ['ada', 'acme'],
    ['ben', 'acme'],
    ['cara', 'globex'],
    ['dan', 'globex'],
    ['vic', 'globex'],
    ['eve', 'initech'],
  ]) {
    cookies[u] = await t.login(`${u}@${d}.example`);
  }
});
afterAll(() => t.destroy());

const TEAM = '/api/relationships/acme-globex/team';
const get = (who: string | null, url: string) => t.app.inject({ url, headers: who ? { cookie: cookies[who] } : {} });
const send = (who: string, method: 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who] }, payload: payload as object });

async function syncCtx(who: string): Promise<ConnectionContext> {
  const result = await t.accounts.authorizeSync({ headers: { cookie: cookies[who] } } as never, 'acme-globex');
  if (!result.ok) throw new Error(`${who}: ${result.status}`);
  return result.ctx;
}

describe('GET /api/relationships/:id/team', () => {
  it('lists both parties’ participants with roles and side colours, owner side first', async () => {
    const res = await get('vic', TEAM);
    expect(res.statusCode).toBe(200);
    const team = res.json<
      Array<{
        userId: string;
        role: string;
        companyId: string;
        companyName: string;
        color: string;
        email: string;
      }>
    >();
    expect(team.map((m) => `${m.userId}:${m.role}`)).toEqual([
      'u_ada:admin',
      'u_ben:member',
      'u_cara:admin',
      'u_dan:member',
      'u_vic:viewer',
    ]);
    expect(team[0]).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@acme.example',
      companyId: 'acme',
      companyName: 'Acme Retail',
    });
    const owner = team.filter((m) => m.companyId === 'acme').map((m) => m.color);
    const partner = team.filter((m) => m.companyId === 'globex').map((m) => m.color);
    expect(new Set(owner).size).toBe(owner.length);
    expect(new Set(partner).size).toBe(partner.length);
    [...owner, ...partner].forEach((c) => expect(PERSON_PALETTE).toContain(c));
  });

  it('gives the sync connection the same identity and colour as the team list', async () => {
    const team = (await get('dan', TEAM)).json<Array<{ userId: string; color: string }>>();
    const ctx = await syncCtx('dan');
    expect(ctx.user).toEqual({
      id: 'u_dan',
      name: 'Dan Moreau',
      companyId: 'globex',
      companyName: 'Globex Supply',
      color: team.find((m) => m.userId === 'u_dan')!.color,
    });
    expect(ctx.role).toBe('member');
  });

  it('is 403 for a non-participant, 404 for an unknown relationship, 401 without a session', async () => {
    expect((await get('eve', TEAM)).statusCode).toBe(403);
    expect((await get('eve', '/api/relationships/nope/team')).statusCode).toBe(404);
    expect((await get(null, TEAM)).statusCode).toBe(401);
  });
});

describe('PUT /api/relationships/:id/team/:userId', () => {
  it('changes a role and applies it to open sockets at once', async () => {
    const vic = t.docs.open(await syncCtx('vic'));
    const res = await send('cara', 'PUT', `${TEAM}/u_vic`, { role: 'member' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ userId: 'u_vic', role: 'member', companyId: 'globex' });
    expect(vic.ctx.role).toBe('member');
    expect(vic.closed).toBeNull();
    expect((await get('vic', '/api/relationships/acme-globex')).json().myRole).toBe('member');
  });

  it('lets a promoted relationship admin manage their own company’s people', async () => {
    expect((await send('dan', 'PUT', `${TEAM}/u_vic`, { role: 'viewer' })).statusCode).toBe(403);
    expect((await send('cara', 'PUT', `${TEAM}/u_dan`, { role: 'admin' })).statusCode).toBe(200);
    expect((await send('dan', 'PUT', `${TEAM}/u_vic`, { role: 'viewer' })).statusCode).toBe(200);
    expect((await send('cara', 'PUT', `${TEAM}/u_dan`, { role: 'member' })).statusCode).toBe(200);
  });

  it('is 403 for members, 409 when lowering a Company Admin, 400 for outsiders and bad bodies, 404 for unknown users', async () => {
    expect((await send('dan', 'PUT', `${TEAM}/u_vic`, { role: 'admin' })).statusCode).toBe(403);
    const lower = await send('cara', 'PUT', `${TEAM}/u_cara`, { role: 'member' });
    expect(lower.statusCode).toBe(409);
    expect(lower.json().error).toBe('conflict');
    expect((await send('cara', 'PUT', `${TEAM}/u_cara`, { role: 'admin' })).statusCode).toBe(200);
    expect((await send('ada', 'PUT', `${TEAM}/u_eve`, { role: 'member' })).statusCode).toBe(400);
    expect((await send('ada', 'PUT', `${TEAM}/u_ghost`, { role: 'member' })).statusCode).toBe(404);
    expect((await send('cara', 'PUT', `${TEAM}/u_vic`, { role: 'owner' })).statusCode).toBe(400);
    expect((await send('cara', 'PUT', `${TEAM}/u_vic`, { role: 'member', x: 1 })).statusCode).toBe(400);
    expect((await send('eve', 'PUT', `${TEAM}/u_vic`, { role: 'member' })).statusCode).toBe(403);
  });
});

describe('each company manages its own people on a team (CONTRACT 6)', () => {
  const teamOf = async () =>
    (await get('ada', TEAM)).json<Array<{ userId: string; role: string }>>().map((m) => `${m.userId}:${m.role}`);

  it('refuses Globex’s admin changing or removing Acme’s member: 403, nothing written, sockets untouched', async () => {
    const before = await teamOf();
    const ben = t.docs.open(await syncCtx('ben'));
    const change = await send('cara', 'PUT', `${TEAM}/u_ben`, { role: 'viewer' });
    expect(change.statusCode).toBe(403);
    expect(change.json().error).toBe('forbidden');
    expect((await send('cara', 'DELETE', `${TEAM}/u_ben`)).statusCode).toBe(403);
    expect(await teamOf()).toEqual(before);
    expect(ben.ctx.role).toBe('member');
    expect(ben.closed).toBeNull();
  });

  it('refuses Acme’s admin changing, removing or raising Globex’s people', async () => {
    const before = await teamOf();
    expect((await send('ada', 'PUT', `${TEAM}/u_vic`, { role: 'admin' })).statusCode).toBe(403);
    expect((await send('ada', 'DELETE', `${TEAM}/u_dan`)).statusCode).toBe(403);
    expect((await send('ada', 'PUT', `${TEAM}/u_cara`, { role: 'admin' })).statusCode).toBe(403);
    expect(await teamOf()).toEqual(before);
  });

  it('lets each side manage its own: Ada changes Ben, Cara changes Vic', async () => {
    expect((await send('ada', 'PUT', `${TEAM}/u_ben`, { role: 'viewer' })).statusCode).toBe(200);
    expect((await send('ada', 'PUT', `${TEAM}/u_ben`, { role: 'member' })).statusCode).toBe(200);
    expect((await send('cara', 'PUT', `${TEAM}/u_vic`, { role: 'viewer' })).statusCode).toBe(200);
  });
});

describe('DELETE /api/relationships/:id/team/:userId', () => {
  it('removes a participant and closes their sockets with 4403; they lose access', async () => {
    const vic = t.docs.open(await syncCtx('vic'));
    const res = await send('cara', 'DELETE', `${TEAM}/u_vic`);
    expect(res.statusCode).toBe(204);
    expect(vic.closed?.code).toBe(CloseCode.PermissionDenied);
    expect((await get('vic', '/api/relationships/acme-globex')).statusCode).toBe(403);
    expect((await get('vic', '/api/relationships')).json()).toEqual([]);
    expect((await send('cara', 'DELETE', `${TEAM}/u_vic`)).statusCode).toBe(404);
    // Adding them back is a PUT.
    expect((await send('cara', 'PUT', `${TEAM}/u_vic`, { role: 'viewer' })).statusCode).toBe(200);
    expect((await get('vic', '/api/relationships/acme-globex')).json().myRole).toBe('viewer');
  });

  it('is 409 for a Company Admin, 403 for members', async () => {
    expect((await send('cara', 'DELETE', `${TEAM}/u_cara`)).statusCode).toBe(409);
    expect((await send('dan', 'DELETE', `${TEAM}/u_ben`)).statusCode).toBe(403);
  });
});
