/**
 * The AccountStore contract (rules in store.ts and linkStores.ts), run against every backend:
 * real LevelDB in a temporary directory and a real PostgreSQL. Plus, on LevelDB only, the company
 * index built once over a database written before the index existed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Level } from 'level';
import { BACKENDS, openTestStorage, useTestStorage } from '../testing/storage.ts';
import type { StorageKind } from '../storage/Storage.ts';
import { LevelAccountStore } from './LevelAccountStore.ts';
import type { AccountStore } from './store.ts';
import type { Invitation, ResetToken, User } from './types.ts';

useTestStorage(BACKENDS);

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function openDb() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'charter-store-'));
  const db = new Level<string, unknown>(dir, { keyEncoding: 'utf8', valueEncoding: 'json' });
  cleanups.push(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });
  return db;
}

async function openStore(backend: StorageKind): Promise<AccountStore> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'charter-store-'));
  const { storage } = await openTestStorage(backend, { dataDir: dir });
  cleanups.push(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });
  await storage.accounts.ensureIndexes();
  return storage.accounts;
}

const user = (id: string, companyId: string, companyRole: User['companyRole'], email = `${id}@x.example`): User => ({
  id,
  email,
  name: id.toUpperCase(),
  companyId,
  companyRole,
  password: 'x',
});
const ids = (users: User[]) => users.map((u) => u.id).sort();

describe.each(BACKENDS)('AccountStore contract: %s', (backend) => {
  it('lists a company’s people and admins, and follows a user who changes company or email', async () => {
    const store = await openStore(backend);
    await store.putUser(user('a1', 'acme', 'admin'));
    await store.putUser(user('a2', 'acme', 'member'));
    await store.putUser(user('g1', 'globex', 'admin'));
    // A company id that is a prefix of another must not take in the other's people.
    await store.putUser(user('x1', 'acme-2', 'admin'));

    expect(ids(await store.usersOfCompany('acme'))).toEqual(['a1', 'a2']);
    expect(ids(await store.adminsOfCompany('acme'))).toEqual(['a1']);

    await store.putUser(user('a2', 'globex', 'admin', 'new@x.example'));
    expect(ids(await store.usersOfCompany('acme'))).toEqual(['a1']);
    expect(ids(await store.adminsOfCompany('globex'))).toEqual(['a2', 'g1']);
    expect(await store.getUserByEmail('a2@x.example')).toBeUndefined();
    expect((await store.getUserByEmail('new@x.example'))?.id).toBe('a2');
  });

  // --- the link stores (linkStores.ts): rules every backend keeps -------------------------------

  const invitation = (id: string, tokenHash: string, companyId = 'acme'): Invitation => ({
    id,
    tokenHash,
    kind: 'company',
    email: `${id}@x.example`,
    companyId,
    role: 'member',
    relationshipId: null,
    invitedBy: null,
    createdAt: 1,
    expiresAt: 2,
    status: 'pending',
    closedAt: null,
  });

  it('finds invitations by token hash and company; a replaced token finds nothing', async () => {
    const store = await openStore(backend);
    await store.putInvitation(invitation('inv_1', 'h1'));
    await store.putInvitation(invitation('inv_2', 'h2'));
    await store.putInvitation(invitation('inv_3', 'h3', 'acme-2'));
    expect((await store.getInvitationByTokenHash('h1'))?.id).toBe('inv_1');
    expect((await store.invitationsOfCompany('acme')).map((i) => i.id).sort()).toEqual(['inv_1', 'inv_2']);

    // Resent: a new token; the old one no longer leads anywhere.
    await store.putInvitation({ ...invitation('inv_1', 'h1b'), status: 'pending' });
    expect(await store.getInvitationByTokenHash('h1')).toBeUndefined();
    expect((await store.getInvitationByTokenHash('h1b'))?.id).toBe('inv_1');
    await store.putInvitation({ ...invitation('inv_1', 'h1b'), status: 'revoked' });
    expect((await store.getInvitation('inv_1'))?.status).toBe('revoked');
    expect((await store.invitationsOfCompany('acme')).map((i) => i.id).sort()).toEqual(['inv_1', 'inv_2']);
  });

  it('keeps reset tokens by hash and lists a user’s', async () => {
    const store = await openStore(backend);
    for (const id of ['u1', 'u2']) await store.putUser(user(id, 'acme', 'member'));
    const t = (tokenHash: string, userId: string): ResetToken => ({
      tokenHash,
      userId,
      createdAt: 1,
      expiresAt: 2,
      usedAt: null,
    });
    await store.putResetToken(t('r1', 'u1'));
    await store.putResetToken(t('r2', 'u1'));
    await store.putResetToken(t('r3', 'u2'));
    expect((await store.resetTokensOfUser('u1')).map((x) => x.tokenHash).sort()).toEqual(['r1', 'r2']);
    await store.deleteResetToken('r1');
    expect(await store.getResetToken('r1')).toBeUndefined();
    expect((await store.getResetToken('r2'))?.userId).toBe('u1');
    await store.putResetToken({ ...t('r4', 'u2'), expiresAt: 10 });
    expect(await store.deleteExpiredResetTokens(5)).toBe(2);
    expect((await store.resetTokensOfUser('u2')).map((x) => x.tokenHash)).toEqual(['r4']);
  });

  it('keeps relationships, participants, sessions and settings, each found by its lookups', async () => {
    const store = await openStore(backend);
    expect(await store.isEmpty()).toBe(true);
    await store.putUser(user('u1', 'acme', 'admin'));
    await store.putUser(user('u2', 'globex', 'member', ' Mixed@Case.Example '));
    expect((await store.getUserByEmail('mixed@case.example'))?.id).toBe('u2');
    expect([...(await store.getUsers(['u1', 'u2', 'u1', 'nobody'])).keys()].sort()).toEqual(['u1', 'u2']);
    const rel = (id: string, partyIds: [string, string]) => ({
      id,
      name: id,
      ownerCompanyId: partyIds[0],
      partyIds,
      configuredAt: null,
    });
    await store.putRelationship(rel('r1', ['acme', 'globex']));
    await store.putRelationship(rel('r2', ['initech', 'acme']));
    await store.putRelationship(rel('r3', ['initech', 'globex']));
    expect((await store.relationshipsOfCompany('acme')).map((r) => r.id).sort()).toEqual(['r1', 'r2']);
    await store.putRelationship({ ...rel('r1', ['acme', 'globex']), configuredAt: 'now' });
    expect((await store.getRelationship('r1'))?.configuredAt).toBe('now');

    await store.putParticipant({ relationshipId: 'r1', userId: 'u2', role: 'member' });
    await store.putParticipant({ relationshipId: 'r3', userId: 'u2', role: 'viewer' });
    await store.putParticipant({ relationshipId: 'r1', userId: 'u2', role: 'viewer' });
    expect(await store.getParticipant('r1', 'u2')).toEqual({ relationshipId: 'r1', userId: 'u2', role: 'viewer' });
    expect((await store.relationshipIdsOfUser('u2')).sort()).toEqual(['r1', 'r3']);
    expect(await store.participantsOf('r1')).toEqual([{ relationshipId: 'r1', userId: 'u2', role: 'viewer' }]);
    await store.deleteParticipant('r1', 'u2');
    await store.deleteParticipant('r1', 'u2');
    expect(await store.getParticipant('r1', 'u2')).toBeUndefined();
    expect(await store.relationshipIdsOfUser('u2')).toEqual(['r3']);

    const session = (id: string, userId: string) => ({ id, userId, createdAt: 1, lastSeenAt: 1 });
    await store.putSession(session('s1', 'u1'));
    await store.putSession(session('s2', 'u2'));
    await store.putSession({ ...session('s1', 'u1'), lastSeenAt: 5 });
    expect((await store.getSession('s1'))?.lastSeenAt).toBe(5);
    expect((await store.sessionsOfUser('u2')).map((x) => x.id)).toEqual(['s2']);
    expect((await store.allSessions()).map((x) => x.id).sort()).toEqual(['s1', 's2']);
    await store.deleteSession('s1');
    expect(await store.getSession('s1')).toBeUndefined();

    expect(await store.getSettings('acme')).toBeUndefined();
    const settings = { enabled: true, objectives: [], principles: [], behaviours: [] };
    await store.putSettings('acme', settings);
    expect(await store.getSettings('acme')).toEqual(settings);

    expect(await store.isEmpty()).toBe(true);
    await store.putCompany({ id: 'acme', name: 'Acme' });
    expect(await store.isEmpty()).toBe(false);
    expect(await store.getCompany('acme')).toEqual({ id: 'acme', name: 'Acme' });
  });
});

it('builds the company index over users stored before it existed, once', async () => {
  const db = await openDb();
  // Users as an older version wrote them: the record and the email index only.
  const users = db.sublevel<string, User>('users', { keyEncoding: 'utf8', valueEncoding: 'json' });
  await users.put('a1', user('a1', 'acme', 'admin'));
  await users.put('a2', user('a2', 'acme', 'member'));
  const store = new LevelAccountStore(db);
  expect(await store.usersOfCompany('acme')).toEqual([]);

  await store.ensureIndexes();
  expect(ids(await store.usersOfCompany('acme'))).toEqual(['a1', 'a2']);
  expect(ids(await store.adminsOfCompany('acme'))).toEqual(['a1']);

  // The second start finds the index built and does not scan again.
  await users.put('a3', user('a3', 'acme', 'admin'));
  await store.ensureIndexes();
  expect(ids(await store.adminsOfCompany('acme'))).toEqual(['a1']);
});
