import { describe, expect, it } from 'vitest';
import {
  canComment,
  canDeleteComment,
  canEditComment,
  canResolve,
  decideChange,
  type Actor,
  type Change,
  type CommentFacts,
  type PlanFacts,
  type Role,
} from './policy.ts';
import { Root } from './schema.ts';

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
const anchor = { kind: 'objective', id: 'o1' };

const fresh = (author: string | undefined, thread: string | null = null): CommentFacts => ({
  isNew: true,
  author,
  thread,
});
const existing = (author: string, thread: string | null = null): CommentFacts => ({ isNew: false, author, thread });

const ins = (path: Change['path'], written: Change['written'], comment?: CommentFacts): Change => ({
  root: Root.comments,
  path,
  op: 'insert',
  written,
  inNewType: false,
  comment,
});
const del = (path: Change['path'], comment?: CommentFacts): Change => ({
  root: Root.comments,
  path,
  op: 'delete',
  inNewType: false,
  comment,
});

type Row = { name: string; change: (a: Actor) => Change; expect: [admin: boolean, member: boolean, viewer: boolean] };

const rows: Row[] = [
  // Writing a comment: everyone, as themselves.
  {
    name: 'start a thread as oneself',
    change: (a) => ins(['c1'], mapType, fresh(a.userId)),
    expect: [true, true, true],
  },
  {
    name: 'a reply as oneself',
    change: (a) => ins(['c2'], mapType, fresh(a.userId, 'c1')),
    expect: [true, true, true],
  },
  {
    name: 'a comment forged for someone else',
    change: () => ins(['c1'], mapType, fresh(OTHER)),
    expect: [false, false, false],
  },
  {
    name: 'a comment with no author',
    change: () => ins(['c1'], mapType, fresh(undefined)),
    expect: [false, false, false],
  },
  {
    name: "the new comment's author field names oneself",
    change: (a) => ins(['c1', 'author'], values(a.userId), fresh(a.userId)),
    expect: [true, true, true],
  },
  {
    name: "the new comment's author field names someone else",
    change: (a) => ins(['c1', 'author'], values(OTHER), fresh(a.userId)),
    expect: [false, false, false],
  },
  {
    name: "the new comment's body and anchor",
    change: (a) => ins(['c1', 'body'], values('Can we commit to 95%?'), fresh(a.userId)),
    expect: [true, true, true],
  },
  {
    name: 'a new comment that is not a map',
    change: (a) => ins(['c1'], values({ author: a.userId }), fresh(a.userId)),
    expect: [false, false, false],
  },
  {
    name: 'replacing an existing comment with a new one',
    change: (a) => ins(['c1'], mapType, existing(a.userId)),
    expect: [false, false, false],
  },
  { name: 'no comment facts', change: () => ins(['c1'], mapType), expect: [false, false, false] },
  // Text: the author's alone.
  {
    name: 'edit the body of one’s own comment',
    change: (a) => ins(['c1', 'body'], values('Edited'), existing(a.userId)),
    expect: [true, true, true],
  },
  {
    name: "edit someone else's body",
    change: () => ins(['c1', 'body'], values('Edited'), existing(OTHER)),
    expect: [false, false, false],
  },
  {
    name: "change someone else's mentions",
    change: () => ins(['c1', 'mentions'], values([]), existing(OTHER)),
    expect: [false, false, false],
  },
  {
    name: "delete someone else's body key",
    change: () => del(['c1', 'body'], existing(OTHER)),
    expect: [false, false, false],
  },
  {
    name: 'change the author of one’s own comment afterwards',
    change: (a) => ins(['c1', 'author'], values(a.userId), existing(a.userId)),
    expect: [false, false, false],
  },
  {
    name: 'move one’s own comment to another anchor',
    change: (a) => ins(['c1', 'anchor'], values(anchor), existing(a.userId)),
    expect: [false, false, false],
  },
  // Deleting: the author, or an admin.
  { name: 'delete one’s own comment', change: (a) => del(['c1'], existing(a.userId)), expect: [true, true, true] },
  { name: "delete someone else's comment", change: () => del(['c1'], existing(OTHER)), expect: [true, false, false] },
  // Resolving: admins, members, and the thread's author.
  {
    name: "resolve someone else's thread",
    change: (a) => ins(['c1', 'resolved'], values({ by: a.userId, at: AT }), existing(OTHER)),
    expect: [true, true, false],
  },
  {
    name: 'resolve one’s own thread',
    change: (a) => ins(['c1', 'resolved'], values({ by: a.userId, at: AT }), existing(a.userId)),
    expect: [true, true, true],
  },
  {
    name: "reopen someone else's thread",
    change: () => ins(['c1', 'resolved'], values(null), existing(OTHER)),
    expect: [true, true, false],
  },
  {
    name: 'resolve in someone else’s name',
    change: () => ins(['c1', 'resolved'], values({ by: OTHER, at: AT }), existing(OTHER)),
    expect: [false, false, false],
  },
  {
    name: 'resolve a reply rather than its thread',
    change: (a) => ins(['c2', 'resolved'], values({ by: a.userId, at: AT }), existing(a.userId, 'c1')),
    expect: [false, false, false],
  },
  {
    name: 'a new reply says it is unresolved',
    change: (a) => ins(['c2', 'resolved'], values(null), fresh(a.userId, 'c1')),
    expect: [true, true, true],
  },
  // Shapes.
  {
    name: 'an unknown comment field',
    change: (a) => ins(['c1', 'likes'], values(1), existing(a.userId)),
    expect: [false, false, false],
  },
  {
    name: 'a path deeper than a field',
    change: (a) => ins(['c1', 'body', 'x'], values(1), existing(a.userId)),
    expect: [false, false, false],
  },
  {
    name: 'a body of the wrong type',
    change: (a) => ins(['c1', 'body'], values(42), existing(a.userId)),
    expect: [false, false, false],
  },
  {
    name: 'an empty body',
    change: (a) => ins(['c1', 'body'], values(''), existing(a.userId)),
    expect: [false, false, false],
  },
  {
    name: 'an anchor of an unknown kind',
    change: (a) => ins(['c1', 'anchor'], values({ kind: 'page', id: 'x' }), fresh(a.userId)),
    expect: [false, false, false],
  },
  {
    name: 'a text anchor with positions that are not base64',
    change: (a) =>
      ins(
        ['c1', 'anchor'],
        values({ kind: 'text', section: 'vision', start: '<x>', end: 'AA==', quote: 'q' }),
        fresh(a.userId),
      ),
    expect: [false, false, false],
  },
  {
    name: 'a text anchor in vision',
    change: (a) =>
      ins(
        ['c1', 'anchor'],
        values({ kind: 'text', section: 'vision', start: 'AQID', end: 'AQIE', quote: 'grow' }),
        fresh(a.userId),
      ),
    expect: [true, true, true],
  },
];

describe('decideChange: comments', () => {
  for (const row of rows) {
    (['admin', 'member', 'viewer'] as const).forEach((role, i) => {
      it(`${row.name} — ${role}: ${row.expect[i] ? 'allowed' : 'denied'}`, () => {
        const d = decideChange(actors[role], row.change(actors[role]), noLocks);
        expect(d.allowed).toBe(row.expect[i]);
        expect(d.section).toBe(Root.comments);
        expect(d.reason.length).toBeGreaterThan(0);
      });
    });
  }

  it('viewers still change nothing else', () => {
    const change: Change = { root: Root.meta, path: ['title'], op: 'insert', written: values('x'), inNewType: false };
    expect(decideChange(actors.viewer, change, noLocks).allowed).toBe(false);
  });
});

describe('an archived relationship', () => {
  it('takes no comments, not even from admins: archived means read-only for everyone', () => {
    for (const role of ['admin', 'member', 'viewer'] as const) {
      const actor: Actor = { ...actors[role], archived: true };
      for (const row of rows) {
        const d = decideChange(actor, row.change(actor), noLocks);
        expect(d.allowed, `${row.name} — ${role}`).toBe(false);
        expect(d.reason).toMatch(/archived/);
      }
      expect(canComment(actor)).toBe(false);
    }
  });
});

describe('comment UI helpers agree with the rules', () => {
  const { admin, member, viewer } = actors;
  const all = [admin, member, viewer];
  it('comment, edit, delete, resolve', () => {
    expect(all.map(canComment)).toEqual([true, true, true]);
    expect(all.map((a) => canEditComment(a, { author: a.userId, thread: null }))).toEqual([true, true, true]);
    expect(all.map((a) => canEditComment(a, { author: OTHER, thread: null }))).toEqual([false, false, false]);
    expect(all.map((a) => canDeleteComment(a, { author: OTHER, thread: null }))).toEqual([true, false, false]);
    expect(all.map((a) => canResolve(a, { author: OTHER, thread: null }))).toEqual([true, true, false]);
    expect(all.map((a) => canResolve(a, { author: a.userId, thread: null }))).toEqual([true, true, true]);
    expect(canComment({ userId: 'u', role: 'guest' } as unknown as Actor)).toBe(false);
  });
});
