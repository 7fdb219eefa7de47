import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Level } from 'level';
import { LevelVersionStore } from './LevelVersionStore.ts';
import { seqOf } from './VersionStore.ts';

describe('VersionStore', () => {
  let dir: string;
  let db: Level<string, unknown> | undefined;
  afterEach(async () => {
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('numbers versions per document, lists them newest first and keeps their state', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'charter-history-'));
    db = new Level<string, unknown>(dir, { keyEncoding: 'utf8', valueEncoding: 'json' });
    await db.open();
    const store = new LevelVersionStore(db);
    const base = {
      name: null,
      kind: 'auto' as const,
      at: '2025-01-01T00:00:00.000Z',
      by: null,
      authors: [],
      restoredFrom: null,
    };
    const added = await Promise.all(
      [1, 2, 3].map((n) => store.add('a', { ...base, name: `n${n}` }, new Uint8Array([n]))),
    );
    await store.add('a:b', base, new Uint8Array([9]));
    expect(added.map((v) => v.id)).toEqual(['v1', 'v2', 'v3']);
    expect((await store.list('a')).map((v) => v.name)).toEqual(['n3', 'n2', 'n1']);
    expect((await store.list('a:b')).map((v) => v.id)).toEqual(['v1']);
    expect(Array.from((await store.state('a', 'v2'))!)).toEqual([2]);
    expect(await store.get('a', 'v9')).toBeUndefined();
    expect(await store.get('a', 'nonsense')).toBeUndefined();
    expect(seqOf('v0')).toBeNull();

    const sig = { versionId: 'v2', companyId: 'acme', companyName: 'Acme', userId: 'u_ada', userName: 'Ada', at: 'x' };
    await store.putSignature('a', sig);
    await store.putSignature('a', { ...sig, versionId: 'v3' });
    expect(await store.signatures('a')).toEqual([{ ...sig, versionId: 'v3' }]);
    expect(await store.signatures('a:b')).toEqual([]);
  });
});
