import { describe, expect, it } from 'vitest';
import {
  canAddProgress,
  canLockObjectives,
  canUnlockObjective,
  decideChange,
  isObjectiveLocked,
  type Actor,
  type Change,
  type PlanFacts,
} from './policy.ts';
import { ALL_OBJECTIVES, OBJECTIVE_LOCKS_KEY, Root } from './schema.ts';

const ada: Actor = { userId: 'u-ada', role: 'admin', companyId: 'acme' };
const ada2: Actor = { userId: 'u-ada2', role: 'admin', companyId: 'acme' };
const cara: Actor = { userId: 'u-cara', role: 'admin', companyId: 'globex' };
const ben: Actor = { userId: 'u-ben', role: 'member', companyId: 'acme' };
const AT = '2026-01-02T03:04:05.000Z';
const lockBy = (a: Actor) => ({ by: a.userId, company: a.companyId, at: AT });

const facts = (objectiveLocks: Record<string, unknown> = {}, latestAsOf = '2026-03-01'): PlanFacts => ({
  locks: {},
  objectiveLocks,
  latestAsOf,
});
const ins = (root: string, path: Change['path'], values: unknown[]): Change => ({
  root,
  path,
  op: 'insert',
  written: { kind: 'values', values },
  inNewType: false,
});
const del = (root: string, path: Change['path']): Change => ({ root, path, op: 'delete', inNewType: false });
const allowed = (a: Actor, c: Change, f: PlanFacts) => decideChange(a, c, f).allowed;

describe('objective locks: a locked definition is frozen for everyone', () => {
  const locked = facts({ obj_a: lockBy(ada) });
  const title = ins(Root.objectives, ['obj_a', 'title'], ['New']);

  it('no admin changes a locked objective, of either company, nor deletes it or its progress list', () => {
    for (const admin of [ada, ada2, cara]) {
      expect(allowed(admin, title, locked)).toBe(false);
      expect(decideChange(admin, title, locked).reason).toMatch(/locked/);
      expect(allowed(admin, del(Root.objectives, ['obj_a']), locked)).toBe(false);
      expect(allowed(admin, del(Root.progress, ['obj_a']), locked)).toBe(false);
    }
  });

  it('other objectives stay editable; the same change is allowed without the lock', () => {
    expect(allowed(ada, ins(Root.objectives, ['obj_b', 'title'], ['x']), locked)).toBe(true);
    expect(allowed(cara, title, facts())).toBe(true);
  });

  it('the all-objectives lock freezes every definition, and adding one', () => {
    const all = facts({ [ALL_OBJECTIVES]: lockBy(cara) });
    expect(allowed(ada, ins(Root.objectives, ['obj_b', 'title'], ['x']), all)).toBe(false);
    expect(
      allowed(
        ada,
        {
          root: Root.objectives,
          path: ['obj_new'],
          op: 'insert',
          written: { kind: 'type', type: 'map' },
          inNewType: false,
        },
        all,
      ),
    ).toBe(false);
  });

  it('progress is still recorded on a locked objective, by members and admins', () => {
    const entry = (by: string) => ({ value: 86, at: AT, by, asOf: '2026-02-01' });
    expect(allowed(ben, ins(Root.progress, ['obj_a', null], [entry(ben.userId)]), locked)).toBe(true);
    expect(allowed(cara, ins(Root.progress, ['obj_a', null], [entry(cara.userId)]), locked)).toBe(true);
    expect(allowed(ada, del(Root.progress, ['obj_a', null]), locked)).toBe(true);
    expect(canAddProgress(ben)).toBe(true);
  });
});

describe('objective locks: who locks and who unlocks', () => {
  const path = [OBJECTIVE_LOCKS_KEY, 'obj_a'];

  it('an admin locks in their own name and company; not in anyone else’s', () => {
    expect(allowed(ada, ins(Root.meta, path, [lockBy(ada)]), facts())).toBe(true);
    expect(allowed(ada, ins(Root.meta, path, [lockBy(cara)]), facts())).toBe(false);
    expect(allowed(ada, ins(Root.meta, path, [{ ...lockBy(ada), company: 'globex' }]), facts())).toBe(false);
    expect(allowed(ada, ins(Root.meta, path, [{ ...lockBy(ada), by: 'u-other' }]), facts())).toBe(false);
  });

  it('members and viewers neither lock nor unlock', () => {
    expect(allowed(ben, ins(Root.meta, path, [lockBy(ben)]), facts())).toBe(false);
    expect(allowed(ben, del(Root.meta, path), facts({ obj_a: lockBy(ada) }))).toBe(false);
    expect(allowed({ userId: 'v', role: 'viewer', companyId: 'acme' }, del(Root.meta, path), facts())).toBe(false);
  });

  it('an admin without a company cannot lock', () => {
    expect(allowed({ userId: 'u-x', role: 'admin' }, ins(Root.meta, path, [{ by: 'u-x', at: AT }]), facts())).toBe(
      false,
    );
  });

  it('only an admin of the locking company unlocks or replaces the lock', () => {
    const locked = facts({ obj_a: lockBy(ada) });
    expect(allowed(cara, del(Root.meta, path), locked)).toBe(false);
    expect(decideChange(cara, del(Root.meta, path), locked).reason).toMatch(/company that locked it/);
    expect(allowed(ada2, del(Root.meta, path), locked)).toBe(true);
    expect(allowed(ada, del(Root.meta, path), locked)).toBe(true);
  });

  it('the register is not removed or replaced while it holds a lock', () => {
    const register = [OBJECTIVE_LOCKS_KEY];
    expect(allowed(ada, del(Root.meta, register), facts({ obj_a: lockBy(ada) }))).toBe(false);
    expect(allowed(ada, del(Root.meta, register), facts())).toBe(true);
    const newMap: Change = {
      root: Root.meta,
      path: register,
      op: 'insert',
      written: { kind: 'type', type: 'map' },
      inNewType: false,
    };
    expect(allowed(ada, newMap, facts())).toBe(true);
    expect(allowed(ben, newMap, facts())).toBe(false);
  });

  it('a lock is a {by, company, at} value under an id', () => {
    expect(allowed(ada, ins(Root.meta, path, [{ ...lockBy(ada), extra: 1 }]), facts())).toBe(false);
    expect(allowed(ada, ins(Root.meta, path, [{ by: ada.userId, company: 'acme', at: 'yesterday' }]), facts())).toBe(
      false,
    );
    expect(allowed(ada, ins(Root.meta, [OBJECTIVE_LOCKS_KEY, 'obj_a', 'x'], [1]), facts())).toBe(false);
  });

  it('the UI probes agree', () => {
    expect(canLockObjectives(ada)).toBe(true);
    expect(canLockObjectives(ben)).toBe(false);
    expect(canUnlockObjective(ada2, lockBy(ada))).toBe(true);
    expect(canUnlockObjective(cara, lockBy(ada))).toBe(false);
    expect(isObjectiveLocked({ obj_a: lockBy(ada) }, 'obj_a')).toBe(true);
    expect(isObjectiveLocked({ obj_a: lockBy(ada) }, 'obj_b')).toBe(false);
    expect(isObjectiveLocked({ [ALL_OBJECTIVES]: lockBy(ada) }, 'obj_b')).toBe(true);
  });
});

describe('progress "as of" dates', () => {
  const entry = (asOf: unknown) => ({ value: 1, at: AT, by: ben.userId, asOf });

  it('today and earlier are accepted; a later date is refused', () => {
    expect(allowed(ben, ins(Root.progress, ['obj_a', null], [entry('2026-03-01')]), facts())).toBe(true);
    expect(allowed(ben, ins(Root.progress, ['obj_a', null], [entry('2025-12-31')]), facts())).toBe(true);
    const future = decideChange(ben, ins(Root.progress, ['obj_a', null], [entry('2026-03-02')]), facts());
    expect(future.allowed).toBe(false);
    expect(future.reason).toMatch(/future/);
    expect(
      allowed(ada, ins(Root.progress, ['obj_a', null], [{ ...entry('2026-03-02'), by: ada.userId }]), facts()),
    ).toBe(false);
  });

  it('a date that is not a calendar date is refused; no date at all is fine (v1 entries)', () => {
    expect(allowed(ben, ins(Root.progress, ['obj_a', null], [entry('2026-02-30')]), facts())).toBe(false);
    expect(allowed(ben, ins(Root.progress, ['obj_a', null], [entry(20260101)]), facts())).toBe(false);
    expect(allowed(ben, ins(Root.progress, ['obj_a', null], [{ value: 1, at: AT, by: ben.userId }]), facts())).toBe(
      true,
    );
  });

  it('without a known "today" no dated entry is accepted', () => {
    expect(allowed(ben, ins(Root.progress, ['obj_a', null], [entry('2020-01-01')]), { locks: {} })).toBe(false);
  });

  it('owner and data source are objective fields with their types', () => {
    expect(allowed(ada, ins(Root.objectives, ['obj_a', 'owner'], ['u-ben']), facts())).toBe(true);
    expect(allowed(ada, ins(Root.objectives, ['obj_a', 'owner'], [null]), facts())).toBe(true);
    expect(allowed(ada, ins(Root.objectives, ['obj_a', 'owner'], [3]), facts())).toBe(false);
    expect(allowed(ada, ins(Root.objectives, ['obj_a', 'dataSource'], ['ERP monthly report']), facts())).toBe(true);
    expect(allowed(ada, ins(Root.objectives, ['obj_a', 'dataSource'], ['x'.repeat(501)]), facts())).toBe(false);
  });
});
