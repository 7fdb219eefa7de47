/**
 * Objective locks and dated progress at the inspector: real Yjs updates, made by the shared
 * helpers a client uses, judged against a seeded document.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Actor } from '../../shared/policy.ts';
import {
  ALL_OBJECTIVES,
  OBJECTIVE_LOCKS_KEY,
  addObjective,
  addProgress,
  deleteObjective,
  getMeta,
  lockObjective,
  readObjectiveLocks,
  readObjectives,
  readProgress,
  replaceProgress,
  unlockObjective,
  updateObjective,
} from '../../shared/schema.ts';
import { inspectUpdate, latestAsOf } from './inspectUpdate.ts';
import { BEN, attempt, firstObjective, measure, serverDoc, updateFrom } from './inspectUpdate.fixtures.ts';

const ADA: Actor = { userId: 'u-ada', role: 'admin', companyId: 'acme' };
const ADA2: Actor = { userId: 'u-ada2', role: 'admin', companyId: 'acme' };
const CARA: Actor = { userId: 'u-cara', role: 'admin', companyId: 'globex' };
const denied = (section: string) => ({ ok: false, section, reason: expect.any(String) });

function lockedDoc(key?: string) {
  const server = serverDoc();
  const id = firstObjective(server);
  expect(attempt(server, ADA, (d) => lockObjective(d, key ?? id, ADA.userId, 'acme'))).toEqual({ ok: true });
  return { server, id };
}

describe('objective locks at the inspector', () => {
  it('an admin locks one definition: nobody, admins of either company included, changes it', () => {
    const { server, id } = lockedDoc();
    expect(readObjectiveLocks(server)[id]).toMatchObject({ by: ADA.userId, company: 'acme' });
    for (const admin of [ADA, ADA2, CARA]) {
      expect(attempt(server, admin, (d) => updateObjective(d, id, { title: 'Changed' }))).toEqual(denied('objectives'));
      expect(attempt(server, admin, (d) => deleteObjective(d, id))).toEqual(denied('objectives'));
    }
    expect(readObjectives(server)[0]).toMatchObject({ title: 'Fill rate', lock: { by: ADA.userId } });
    // The other objective is not locked.
    const other = readObjectives(server)[1].id;
    expect(attempt(server, CARA, (d) => updateObjective(d, other, { title: 'Lead time (days)' }))).toEqual({
      ok: true,
    });
  });

  it('progress is still recorded on a locked objective, and an admin corrects an entry', () => {
    const { server, id } = lockedDoc();
    const entry = { value: 7, at: '2026-01-01T00:00:00.000Z', by: BEN.userId, asOf: '2025-12-01' };
    expect(attempt(server, BEN, (d) => addProgress(d, id, entry))).toEqual({ ok: true });
    expect(attempt(server, CARA, (d) => replaceProgress(d, id, 1, { ...entry, value: 8 }))).toEqual({ ok: true });
    expect(attempt(server, ADA, (d) => replaceProgress(d, id, 0, null))).toEqual({ ok: true });
    expect(readProgress(server, id).map((e) => e.value)).toEqual([8]);
  });

  it('the other company’s admin cannot unlock, nor overwrite the lock with their own; the locking company can', () => {
    const { server, id } = lockedDoc();
    expect(attempt(server, CARA, (d) => unlockObjective(d, id))).toEqual(denied('meta'));
    expect(attempt(server, CARA, (d) => lockObjective(d, id, CARA.userId, 'globex'))).toEqual(denied('meta'));
    expect(readObjectiveLocks(server)[id]?.company).toBe('acme');
    expect(attempt(server, ADA2, (d) => unlockObjective(d, id))).toEqual({ ok: true });
    expect(readObjectiveLocks(server)[id]).toBeUndefined();
    expect(attempt(server, CARA, (d) => updateObjective(d, id, { title: 'Now editable' }))).toEqual({ ok: true });
  });

  it('nobody replaces the register to drop every lock at once', () => {
    const { server } = lockedDoc();
    expect(attempt(server, ADA, (d) => getMeta(d).set(OBJECTIVE_LOCKS_KEY, new Y.Map()))).toEqual(denied('meta'));
    expect(attempt(server, ADA, (d) => getMeta(d).delete(OBJECTIVE_LOCKS_KEY))).toEqual(denied('meta'));
  });

  it('the all-objectives lock freezes every definition and adding new ones', () => {
    const { server } = lockedDoc(ALL_OBJECTIVES);
    const other = readObjectives(server)[1].id;
    expect(attempt(server, CARA, (d) => updateObjective(d, other, { dueDate: '2027-01-01' }))).toEqual(
      denied('objectives'),
    );
    const obj = { title: 'New', description: '', catalogId: null, measure, dueDate: null };
    expect(attempt(server, ADA, (d) => addObjective(d, obj))).toEqual(denied('objectives'));
  });

  it('a member cannot lock; a lock claiming another company is refused', () => {
    const server = serverDoc();
    const id = firstObjective(server);
    expect(attempt(server, BEN, (d) => lockObjective(d, id, BEN.userId, 'acme'))).toEqual(denied('meta'));
    expect(attempt(server, ADA, (d) => lockObjective(d, id, ADA.userId, 'globex'))).toEqual(denied('meta'));
    expect(readObjectiveLocks(server)).toEqual({});
  });

  it('unlocking and editing in one update is refused: the lock holds for the whole update', () => {
    const { server, id } = lockedDoc();
    const update = updateFrom(server, (d) =>
      d.transact(() => {
        unlockObjective(d, id);
        updateObjective(d, id, { title: 'Sneaky' });
      }),
    );
    expect(inspectUpdate(server, update, ADA)).toEqual(denied('objectives'));
  });
});

describe('dated progress at the inspector', () => {
  it('an entry dated in the future is refused; today (as the server reckons it) is accepted', () => {
    const server = serverDoc();
    const id = firstObjective(server);
    const at = new Date().toISOString();
    expect(
      attempt(server, BEN, (d) => addProgress(d, id, { value: 1, at, by: BEN.userId, asOf: '2999-01-01' })),
    ).toEqual(denied('progress'));
    const today = new Date().toISOString().slice(0, 10);
    expect(attempt(server, BEN, (d) => addProgress(d, id, { value: 2, at, by: BEN.userId, asOf: today }))).toEqual({
      ok: true,
    });
    expect(readProgress(server, id).at(-1)).toMatchObject({ value: 2, asOf: today });
  });

  it('the latest accepted date is today where the calendar is furthest ahead', () => {
    expect(latestAsOf(new Date('2026-03-01T09:59:00Z'))).toBe('2026-03-01');
    expect(latestAsOf(new Date('2026-03-01T10:00:00Z'))).toBe('2026-03-02');
  });
});
