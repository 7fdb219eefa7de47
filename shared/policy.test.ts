import { describe, expect, it } from 'vitest';
import {
  canAddProgress,
  canChangeProgress,
  canCreateProject,
  canDeleteProject,
  canEditActivities,
  canEditMeta,
  canEditObjectives,
  canEditProject,
  canEditRichText,
  decideChange,
  type Actor,
  type Change,
  type PlanFacts,
  type ProjectFacts,
  type Role,
} from './policy.ts';
import { RICH_TEXT_SECTIONS, Root } from './schema.ts';

const actors: Record<Role, Actor> = {
  admin: { userId: 'u-admin', role: 'admin' },
  member: { userId: 'u-member', role: 'member' },
  viewer: { userId: 'u-viewer', role: 'viewer' },
};
const OTHER = 'u-other';
const AT = '2026-01-02T03:04:05.000Z';
const noLocks: PlanFacts = { locks: {} };
const values = (...v: unknown[]) => ({ kind: 'values', values: v }) as const;
const mapType = { kind: 'type', type: 'map' } as const;
const arrayType = { kind: 'type', type: 'array' } as const;
const block = { kind: 'type', type: 'xmlElement' } as const;
const existing = (createdBy: string, isAccountPlanProject = false): ProjectFacts => ({
  isNew: false,
  createdBy,
  isAccountPlanProject,
});
const fresh = (createdBy: string | undefined, isAccountPlanProject = false): ProjectFacts => ({
  isNew: true,
  createdBy,
  isAccountPlanProject,
});

type Row = {
  name: string;
  change: (a: Actor) => Change;
  facts?: PlanFacts;
  expect: [admin: boolean, member: boolean, viewer: boolean];
  section?: string;
};

const ins = (root: string, path: Change['path'], written: Change['written'], extra: Partial<Change> = {}): Change => ({
  root,
  path,
  op: 'insert',
  written,
  inNewType: false,
  ...extra,
});
const del = (root: string, path: Change['path'], extra: Partial<Change> = {}): Change => ({
  root,
  path,
  op: 'delete',
  inNewType: false,
  ...extra,
});

const rows: Row[] = [
  // meta (title, locks): admin only
  { name: 'meta: set the title', change: () => ins(Root.meta, ['title'], values('New')), expect: [true, false, false] },
  {
    name: 'meta: lock a section',
    change: (a) => ins(Root.meta, ['locks', 'vision'], values({ by: a.userId, at: AT })),
    expect: [true, false, false],
  },
  {
    name: 'meta: unlock a section',
    change: () => del(Root.meta, ['locks', 'principles']),
    expect: [true, false, false],
  },
  {
    name: 'meta: create the locks map',
    change: () => ins(Root.meta, ['locks'], mapType),
    expect: [true, false, false],
  },
  {
    name: 'meta: schemaVersion is server-owned',
    change: () => ins(Root.meta, ['schemaVersion'], values(2)),
    expect: [false, false, false],
  },
  {
    name: 'meta: unknown lock key',
    change: () => ins(Root.meta, ['locks', 'objectives'], values({})),
    expect: [false, false, false],
  },
  // rich text: admin, member unless locked
  ...RICH_TEXT_SECTIONS.flatMap((section): Row[] => [
    {
      name: `${section}: type`,
      change: () => ins(section, [null, 'x', null], { kind: 'text' }),
      expect: [true, true, false],
    },
    { name: `${section}: delete`, change: () => del(section, [null]), expect: [true, true, false] },
    { name: `${section}: add a block`, change: () => ins(section, [null], block), expect: [true, true, false] },
    {
      name: `${section}: inline text at the top level`,
      change: () => ins(section, [null], { kind: 'text' }),
      expect: [false, false, false],
    },
    {
      name: `${section}: an XmlText at the top level`,
      change: () => ins(section, [null], { kind: 'type', type: 'xmlText' }),
      expect: [false, false, false],
    },
    {
      name: `${section}: add a block while locked`,
      change: () => ins(section, [null], block),
      facts: { locks: { [section]: { by: 'u-admin', at: 'x' } } },
      expect: [true, false, false],
    },
    {
      name: `${section}: add a block while another section is locked`,
      change: () => ins(section, [null], block),
      facts: { locks: { other: { by: 'u-admin', at: 'x' } } },
      expect: [true, true, false],
    },
  ]),
  // Objectives: admin only, anywhere under it
  {
    name: 'objectives: overwrite a title',
    change: () => ins(Root.objectives, ['o1', 'title'], values('T')),
    expect: [true, false, false],
  },
  { name: 'objectives: create one', change: () => ins(Root.objectives, ['o2'], mapType), expect: [true, false, false] },
  { name: 'objectives: delete one', change: () => del(Root.objectives, ['o1']), expect: [true, false, false] },
  // progress
  {
    name: 'progress: add an entry by oneself',
    change: (a) => ins(Root.progress, ['o1', null], values({ value: 1, at: AT, by: a.userId })),
    expect: [true, true, false],
  },
  {
    name: 'progress: add an entry by someone else',
    change: () => ins(Root.progress, ['o1', null], values({ value: 1, at: AT, by: OTHER })),
    expect: [true, false, false],
  },
  {
    name: 'progress: add two entries, one by someone else',
    change: (a) =>
      ins(Root.progress, ['o1', null], values({ value: 1, at: AT, by: a.userId }, { value: 2, at: AT, by: OTHER })),
    expect: [true, false, false],
  },
  {
    name: 'progress: add a non-entry',
    change: () => ins(Root.progress, ['o1', null], mapType),
    expect: [false, false, false],
  },
  {
    name: 'progress: add into a list the same update creates',
    change: (a) => ins(Root.progress, ['o9', null], values({ value: 1, at: AT, by: a.userId }), { inNewType: true }),
    expect: [true, false, false],
  },
  {
    name: 'progress: delete or change an entry',
    change: () => del(Root.progress, ['o1', null]),
    expect: [true, false, false],
  },
  {
    name: "progress: create an objective's list",
    change: () => ins(Root.progress, ['o9'], arrayType),
    expect: [true, false, false],
  },
  {
    name: 'progress: deeper than an entry',
    change: () => ins(Root.progress, ['o1', null, 'by'], values('x')),
    expect: [false, false, false],
  },
  // Projects: create
  {
    name: 'projects: create one by oneself',
    change: (a) => ins(Root.projects, ['p9'], mapType, { project: fresh(a.userId) }),
    expect: [true, true, false],
  },
  {
    name: 'projects: create one as someone else',
    change: () => ins(Root.projects, ['p9'], mapType, { project: fresh(OTHER) }),
    expect: [true, false, false],
  },
  {
    name: 'projects: create one without a creator',
    change: () => ins(Root.projects, ['p9'], mapType, { project: fresh(undefined) }),
    expect: [true, false, false],
  },
  {
    name: 'projects: create an Account Plan Project',
    change: (a) => ins(Root.projects, ['p9'], mapType, { project: fresh(a.userId, true) }),
    expect: [true, false, false],
  },
  {
    name: 'projects: a new project writes createdBy = oneself',
    change: (a) =>
      ins(Root.projects, ['p9', 'createdBy'], values(a.userId), { inNewType: true, project: fresh(a.userId) }),
    expect: [true, true, false],
  },
  {
    name: 'projects: a new project writes isAccountPlanProject = true',
    change: (a) =>
      ins(Root.projects, ['p9', 'isAccountPlanProject'], values(true), { inNewType: true, project: fresh(a.userId) }),
    expect: [true, false, false],
  },
  {
    name: 'projects: a new project links objectives',
    change: (a) =>
      ins(Root.projects, ['p9', 'objectiveIds', null], values('o1'), { inNewType: true, project: fresh(a.userId) }),
    expect: [true, true, false],
  },
  {
    name: 'projects: a project that is not a map',
    change: (a) => ins(Root.projects, ['p9'], values('x'), { project: fresh(a.userId) }),
    expect: [false, false, false],
  },
  // Projects: own fields and objectiveIds of existing projects
  ...(
    [
      ['name', 'v'],
      ['description', 'v'],
      ['owner', 'u-x'],
      ['status', 'active'],
    ] as const
  ).flatMap(([field, v]): Row[] => [
    {
      name: `projects: change ${field} of own project`,
      change: (a) => ins(Root.projects, ['p1', field], values(v), { project: existing(a.userId) }),
      expect: [true, true, false],
    },
    {
      name: `projects: change ${field} of another's project`,
      change: () => ins(Root.projects, ['p1', field], values(v), { project: existing(OTHER) }),
      expect: [true, false, false],
    },
  ]),
  {
    name: 'projects: link an objective to own project',
    change: (a) => ins(Root.projects, ['p1', 'objectiveIds', null], values('o1'), { project: existing(a.userId) }),
    expect: [true, true, false],
  },
  {
    name: "projects: unlink an objective from another's project",
    change: () => del(Root.projects, ['p1', 'objectiveIds', null], { project: existing(OTHER) }),
    expect: [true, false, false],
  },
  {
    name: 'projects: change createdBy of own project',
    change: (a) => ins(Root.projects, ['p1', 'createdBy'], values(a.userId), { project: existing(a.userId) }),
    expect: [true, false, false],
  },
  {
    name: 'projects: flip isAccountPlanProject of own project',
    change: (a) => ins(Root.projects, ['p1', 'isAccountPlanProject'], values(true), { project: existing(a.userId) }),
    expect: [true, false, false],
  },
  {
    name: 'projects: delete own project',
    change: (a) => del(Root.projects, ['p1'], { project: existing(a.userId) }),
    expect: [true, true, false],
  },
  {
    name: "projects: delete another's project",
    change: () => del(Root.projects, ['p1'], { project: existing(OTHER) }),
    expect: [true, false, false],
  },
  {
    name: 'projects: delete the Account Plan Project',
    change: (a) => del(Root.projects, ['p1'], { project: existing(a.userId, true) }),
    expect: [false, false, false],
  },
  {
    name: "projects: delete another's Account Plan Project",
    change: () => del(Root.projects, ['p1'], { project: existing(OTHER, true) }),
    expect: [false, false, false],
  },
  {
    name: 'projects: unflag the Account Plan Project',
    change: (a) =>
      ins(Root.projects, ['p1', 'isAccountPlanProject'], values(false), { project: existing(a.userId, true) }),
    expect: [false, false, false],
  },
  {
    name: 'projects: remove the flag of the Account Plan Project',
    change: (a) => del(Root.projects, ['p1', 'isAccountPlanProject'], { project: existing(a.userId, true) }),
    expect: [false, false, false],
  },
  {
    name: 'projects: rename the Account Plan Project',
    change: () => ins(Root.projects, ['p1', 'name'], values('v'), { project: existing(OTHER, true) }),
    expect: [true, false, false],
  },
  {
    name: 'projects: unknown project field',
    change: (a) => ins(Root.projects, ['p1', 'secret'], values(1), { project: existing(a.userId) }),
    expect: [false, false, false],
  },
  // Activities: any project
  {
    name: "projects: add an activity to another's project",
    change: () => ins(Root.projects, ['p1', 'activities', null], mapType, { project: existing(OTHER) }),
    expect: [true, true, false],
  },
  {
    name: 'projects: change an activity',
    change: () => ins(Root.projects, ['p1', 'activities', null, 'done'], values(true), { project: existing(OTHER) }),
    expect: [true, true, false],
  },
  {
    name: 'projects: remove an activity',
    change: () => del(Root.projects, ['p1', 'activities', null], { project: existing(OTHER) }),
    expect: [true, true, false],
  },
  {
    name: 'projects: unknown activity field',
    change: () => ins(Root.projects, ['p1', 'activities', null, 'x'], values(1)),
    expect: [false, false, false],
  },
  {
    name: "projects: replace another's activities list",
    change: () => ins(Root.projects, ['p1', 'activities'], arrayType, { project: existing(OTHER) }),
    expect: [true, false, false],
  },
  // Values: every field holds exactly its type, for every role (CONTRACT 6)
  {
    name: 'values: a project status outside the list',
    change: (a) => ins(Root.projects, ['p1', 'status'], values('banana'), { project: existing(a.userId) }),
    expect: [false, false, false],
  },
  {
    name: 'values: an activity done flag as text',
    change: () => ins(Root.projects, ['p1', 'activities', null, 'done'], values('yes'), { project: existing(OTHER) }),
    expect: [false, false, false],
  },
  {
    name: 'values: an activity due date that is no date',
    change: () =>
      ins(Root.projects, ['p1', 'activities', null, 'dueDate'], values('whenever'), { project: existing(OTHER) }),
    expect: [false, false, false],
  },
  {
    name: 'values: an activity due date',
    change: () =>
      ins(Root.projects, ['p1', 'activities', null, 'dueDate'], values('2027-02-28'), { project: existing(OTHER) }),
    expect: [true, true, false],
  },
  {
    name: 'values: an impossible calendar date',
    change: () => ins(Root.objectives, ['o1', 'dueDate'], values('2027-02-30')),
    expect: [false, false, false],
  },
  {
    name: 'values: an objective target that is not finite',
    change: () =>
      ins(
        Root.objectives,
        ['o1', 'measure'],
        values({ unit: '%', baseline: 0, target: Infinity, direction: 'increase' }),
      ),
    expect: [false, false, false],
  },
  {
    name: 'values: a measure with an extra field',
    change: () =>
      ins(
        Root.objectives,
        ['o1', 'measure'],
        values({ unit: '%', baseline: 0, target: 1, direction: 'increase', x: 1 }),
      ),
    expect: [false, false, false],
  },
  {
    name: 'values: a measure',
    change: () =>
      ins(Root.objectives, ['o1', 'measure'], values({ unit: '%', baseline: 0, target: 1, direction: 'decrease' })),
    expect: [true, false, false],
  },
  {
    name: 'values: an unknown objective field',
    change: () => ins(Root.objectives, ['o1', 'colour'], values('red')),
    expect: [false, false, false],
  },
  {
    name: 'values: a nested type in an objective',
    change: () => ins(Root.objectives, ['o1', 'title'], mapType),
    expect: [false, false, false],
  },
  {
    name: 'values: two values at one map key',
    change: () => ins(Root.objectives, ['o1', 'title'], values('a', 'b')),
    expect: [false, false, false],
  },
  {
    name: 'values: a title past its length',
    change: () => ins(Root.meta, ['title'], values('x'.repeat(201))),
    expect: [false, false, false],
  },
  {
    name: 'values: a progress entry with a string value',
    change: (a) => ins(Root.progress, ['o1', null], values({ value: '86%', at: AT, by: a.userId })),
    expect: [false, false, false],
  },
  {
    name: 'values: a progress entry with an extra field',
    change: (a) => ins(Root.progress, ['o1', null], values({ value: 1, at: AT, by: a.userId, x: 1 })),
    expect: [false, false, false],
  },
  {
    name: 'values: a progress entry with a note',
    change: (a) => ins(Root.progress, ['o1', null], values({ value: 1, at: AT, by: a.userId, note: 'n' })),
    expect: [true, true, false],
  },
  {
    name: 'values: a lock without a time',
    change: (a) => ins(Root.meta, ['locks', 'vision'], values({ by: a.userId })),
    expect: [false, false, false],
  },
  {
    name: 'values: a linked objective id that is not text',
    change: (a) => ins(Root.projects, ['p1', 'objectiveIds', null], values(7), { project: existing(a.userId) }),
    expect: [false, false, false],
  },
  {
    name: 'values: a tombstone at a key removes it',
    change: (a) => ins(Root.projects, ['p1', 'name'], { kind: 'deleted' }, { project: existing(a.userId) }),
    expect: [true, true, false],
  },
  // any other root
  {
    name: 'other root: a new root type',
    change: () => ins('evil', ['x'], values(1)),
    expect: [false, false, false],
    section: 'evil',
  },
  {
    name: 'other root: the empty name',
    change: () => ins('', [null], { kind: 'text' }),
    expect: [false, false, false],
    section: '',
  },
];

describe('decideChange: the CONTRACT 6 table', () => {
  for (const row of rows) {
    (['admin', 'member', 'viewer'] as const).forEach((role, i) => {
      it(`${row.name} — ${role}: ${row.expect[i] ? 'allowed' : 'denied'}`, () => {
        const change = row.change(actors[role]);
        const d = decideChange(actors[role], change, row.facts ?? noLocks);
        expect(d.allowed).toBe(row.expect[i]);
        expect(d.section).toBe(row.section ?? change.root);
        expect(d.reason.length).toBeGreaterThan(0);
      });
    });
  }
});

describe('decideChange fails closed', () => {
  const change = ins(Root.vision, [null], block);
  it.each([
    ['an unknown role', { userId: 'u', role: 'owner' }],
    ['no user id', { userId: '', role: 'admin' }],
    ['no actor', null],
  ])('denies %s', (_name, actor) => {
    expect(decideChange(actor as unknown as Actor, change, noLocks).allowed).toBe(false);
  });
  it('denies an unknown operation', () => {
    expect(decideChange(actors.admin, { ...change, op: 'move' as 'insert' }, noLocks).allowed).toBe(false);
  });
  it('denies paths longer than any rule knows in keyed roots', () => {
    expect(
      decideChange(actors.admin, ins(Root.projects, ['p', 'activities', null, 'title', 'x'], values(1)), noLocks)
        .allowed,
    ).toBe(false);
    expect(decideChange(actors.admin, ins(Root.meta, ['title', 'x'], values(1)), noLocks).allowed).toBe(false);
  });
  it('denies a member project change without project facts', () => {
    expect(decideChange(actors.member, ins(Root.projects, ['p1', 'name'], values('x')), noLocks).allowed).toBe(false);
  });
});

describe('UI helpers agree with the table', () => {
  const { admin, member, viewer } = actors;
  const locked = { vision: { by: 'u-admin', at: AT } };
  it('rich text', () => {
    expect([admin, member, viewer].map((a) => canEditRichText(a, 'vision', {}))).toEqual([true, true, false]);
    expect([admin, member, viewer].map((a) => canEditRichText(a, 'vision', locked))).toEqual([true, false, false]);
    expect(canEditRichText(member, 'principles', locked)).toBe(true);
    expect(canEditRichText(admin, 'objectives', {})).toBe(false);
  });
  it('objectives and meta', () => {
    expect([admin, member, viewer].map(canEditObjectives)).toEqual([true, false, false]);
    expect([admin, member, viewer].map(canEditMeta)).toEqual([true, false, false]);
  });
  it('progress', () => {
    expect([admin, member, viewer].map(canAddProgress)).toEqual([true, true, false]);
    expect([admin, member, viewer].map(canChangeProgress)).toEqual([true, false, false]);
  });
  it('projects', () => {
    expect([admin, member, viewer].map(canCreateProject)).toEqual([true, true, false]);
    expect([admin, member, viewer].map((a) => canEditProject(a, { createdBy: a.userId }))).toEqual([true, true, false]);
    expect([admin, member, viewer].map((a) => canEditProject(a, { createdBy: OTHER }))).toEqual([true, false, false]);
    expect(canDeleteProject(member, { createdBy: member.userId })).toBe(true);
    expect(canDeleteProject(member, { createdBy: member.userId, isAccountPlanProject: true })).toBe(false);
    expect(canDeleteProject(admin, { createdBy: admin.userId, isAccountPlanProject: true })).toBe(false);
    expect(canDeleteProject(admin, { createdBy: OTHER })).toBe(true);
    expect([admin, member, viewer].map(canEditActivities)).toEqual([true, true, false]);
  });
  it('unknown roles get nothing', () => {
    const odd = { userId: 'u', role: 'guest' } as unknown as Actor;
    expect([
      canEditRichText(odd, 'vision', {}),
      canEditObjectives(odd),
      canEditMeta(odd),
      canAddProgress(odd),
      canCreateProject(odd),
      canEditActivities(odd),
    ]).toEqual([false, false, false, false, false, false]);
  });
});
