/** The NotificationStore rules, on every implementation: LevelDB in a temp dir, a real PostgreSQL, memory. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Level } from 'level';
import { LevelNotificationStore } from './LevelNotificationStore.ts';
import { MemoryNotificationStore } from './MemoryNotificationStore.ts';
import { MAX_PAGE, type NewNotification, type NotificationStore } from './NotificationStore.ts';
import { openTestStorage, useTestStorage } from '../testing/storage.ts';

useTestStorage(['postgres']);

interface Harness {
  store: NotificationStore;
  reopen(): Promise<NotificationStore>;
  dispose(): Promise<void>;
}

async function levelHarness(): Promise<Harness> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'charter-notifications-'));
  let db = new Level<string, unknown>(dir, { keyEncoding: 'utf8', valueEncoding: 'json' });
  await db.open();
  const h: Harness = {
    store: new LevelNotificationStore(db),
    async reopen() {
      await db.close();
      db = new Level<string, unknown>(dir, { keyEncoding: 'utf8', valueEncoding: 'json' });
      await db.open();
      h.store = new LevelNotificationStore(db);
      return h.store;
    },
    async dispose() {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return h;
}

async function postgresHarness(): Promise<Harness> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'charter-notifications-'));
  const opened = await openTestStorage('postgres', { dataDir: dir });
  const databaseUrl = opened.databaseUrl!;
  let storage = opened.storage;
  const h: Harness = {
    store: storage.notifications,
    async reopen() {
      await storage.close();
      ({ storage } = await openTestStorage('postgres', { dataDir: dir, databaseUrl }));
      h.store = storage.notifications;
      return h.store;
    },
    async dispose() {
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return h;
}

function memoryHarness(): Promise<Harness> {
  const store = new MemoryNotificationStore();
  return Promise.resolve({ store, reopen: () => Promise.resolve(store), dispose: () => Promise.resolve() });
}

const note = (userId: string, i: number, relationshipId = 'acme-globex'): NewNotification => ({
  userId,
  relationshipId,
  kind: 'mention',
  commentId: `c${i}`,
  threadId: 'c0',
  by: { id: 'u_ben', name: 'Ben' },
  excerpt: `comment ${i}`,
  at: '2026-01-01T00:00:00.000Z',
});

describe.each([
  ['LevelNotificationStore', levelHarness],
  ['PgNotificationStore', postgresHarness],
  ['MemoryNotificationStore', memoryHarness],
] as const)('NotificationStore contract: %s', (_name, make) => {
  let h: Harness;
  beforeEach(async () => {
    h = await make();
  });
  afterEach(() => h.dispose());

  it('lists a user’s own notifications newest first, in pages that resume exactly', async () => {
    for (let i = 0; i < 25; i++) await h.store.add(note('u_cara', i));
    await h.store.add(note('u_dan', 99));
    const first = await h.store.list('u_cara', { limit: 10 });
    expect(first.items.map((n) => n.commentId)).toEqual(Array.from({ length: 10 }, (_, i) => `c${24 - i}`));
    expect(first.items.every((n) => n.userId === 'u_cara' && n.read === false)).toBe(true);
    // A new one arriving in front does not shift the next page.
    await h.store.add(note('u_cara', 100));
    const second = await h.store.list('u_cara', { limit: 10, before: first.next! });
    expect(second.items.map((n) => n.commentId)).toEqual(Array.from({ length: 10 }, (_, i) => `c${14 - i}`));
    const third = await h.store.list('u_cara', { limit: 10, before: second.next! });
    expect(third.items.map((n) => n.commentId)).toEqual(['c4', 'c3', 'c2', 'c1', 'c0']);
    expect(third.next).toBeNull();
    expect((await h.store.list('u_cara', { limit: 1000 })).items).toHaveLength(Math.min(MAX_PAGE, 26));
  });

  it('marks read by id (own ids only) or all, counts unread by relationship, and survives a restart', async () => {
    const a = await h.store.add(note('u_cara', 1));
    await h.store.add(note('u_cara', 2, 'acme-initech'));
    const other = await h.store.add(note('u_dan', 3));
    expect(await h.store.unread('u_cara')).toEqual({ 'acme-globex': 1, 'acme-initech': 1 });
    expect(await h.store.markRead('u_cara', { ids: [a.id, other.id, 'nope'] })).toBe(1);
    expect(await h.store.markRead('u_cara', { ids: [a.id] })).toBe(0);
    expect(await h.store.unread('u_dan')).toEqual({ 'acme-globex': 1 });
    const store = await h.reopen();
    expect(await store.unread('u_cara')).toEqual({ 'acme-initech': 1 });
    expect(await store.markRead('u_cara', 'all')).toBe(1);
    expect(await store.unread('u_cara')).toEqual({});
    expect((await store.list('u_cara')).items.map((n) => n.read)).toEqual([true, true]);
  });
});
