/** The VersionStore contract (rules in VersionStore.ts) on every backend: real LevelDB and PostgreSQL. */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BACKENDS, openTestStorage, useTestStorage } from '../testing/storage.ts';
import type { Storage } from '../storage/Storage.ts';
import { seqOf } from './VersionStore.ts';

useTestStorage(BACKENDS);

const base = {
  name: null,
  kind: 'auto' as const,
  at: '2025-01-01T00:00:00.000Z',
  by: null,
  authors: [],
  restoredFrom: null,
};

describe.each(BACKENDS)('VersionStore contract: %s', (backend) => {
  let dir: string;
  let storage: Storage | undefined;
  let databaseUrl: string | null = null;
  const open = async () => {
    ({ storage, databaseUrl } = await openTestStorage(backend, {
      dataDir: dir,
      databaseUrl: databaseUrl ?? undefined,
    }));
    return storage.versions;
  };
  afterEach(async () => {
    await storage?.close();
    storage = undefined;
    databaseUrl = null;
    await rm(dir, { recursive: true, force: true });
  });

  it('numbers versions per document, lists them newest first and keeps their state', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'charter-history-'));
    const store = await open();
    const added = await Promise.all(
      [1, 2, 3].map((n) => store.add('a', { ...base, name: `n${n}` }, new Uint8Array([n]))),
    );
    await store.add('a:b', base, new Uint8Array([9]));
    expect(added.map((v) => v.id)).toEqual(['v1', 'v2', 'v3']);
    expect((await store.list('a')).map((v) => v.name)).toEqual(['n3', 'n2', 'n1']);
    expect((await store.list('a', 2)).map((v) => v.name)).toEqual(['n3', 'n2']);
    expect((await store.list('a:b')).map((v) => v.id)).toEqual(['v1']);
    expect(Array.from((await store.state('a', 'v2'))!)).toEqual([2]);
    expect(await store.get('a', 'v2')).toEqual({ ...base, name: 'n2', id: 'v2', seq: 2 });
    expect(await store.get('a', 'v9')).toBeUndefined();
    expect(await store.get('a', 'nonsense')).toBeUndefined();
    expect(seqOf('v0')).toBeNull();

    const sig = { versionId: 'v2', companyId: 'acme', companyName: 'Acme', userId: 'u_ada', userName: 'Ada', at: 'x' };
    await store.putSignature('a', sig);
    await store.putSignature('a', { ...sig, versionId: 'v3' });
    expect(await store.signatures('a')).toEqual([{ ...sig, versionId: 'v3' }]);
    expect(await store.signatures('a:b')).toEqual([]);
  });

  it('keeps versions and signatures across a restart and goes on numbering after the last', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'charter-history-'));
    let store = await open();
    await store.add('a', base, new Uint8Array([1]));
    await store.add('a', base, new Uint8Array([2]));
    const sig = { versionId: 'v2', companyId: 'acme', companyName: 'Acme', userId: 'u_ada', userName: 'Ada', at: 'x' };
    await store.putSignature('a', sig);
    await storage!.close();
    store = await open();
    expect((await store.add('a', base, new Uint8Array([3]))).id).toBe('v3');
    expect(Array.from((await store.state('a', 'v2'))!)).toEqual([2]);
    expect(await store.signatures('a')).toEqual([sig]);
  });
});
