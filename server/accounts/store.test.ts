/**
 * The account store's company index: kept in step with user records, and built once over a
 * database written before the index existed. Real LevelDB in a temporary directory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { Level } from 'level';
import { LevelAccountStore } from './LevelAccountStore.ts';
import type { Invitation, ResetToken, User } from './types.ts';

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

const user = (id: string, companyId: string, companyRole: User['companyRole'], email = `${id}@x.example`): User => ({
  id,
  email,
  name: id.toUpperCase(),
  companyId,
  companyRole,
  password: 'x',
});
const ids = (users: User[]) => users.map((u) => u.id).sort();

it('lists a company’s people and admins, and follows a user who changes company or email', async () => {
  const store = new LevelAccountStore(await openDb());
  await store.ensureIndexes();
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
  const store = new LevelAccountStore(await openDb());
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
  const store = new LevelAccountStore(await openDb());
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
