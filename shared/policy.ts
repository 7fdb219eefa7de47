/**
 * Who may change what in the plan document (CONTRACT 6), as one pure function that fails closed.
 *
 * The sync server describes every slot an incoming update writes or deletes as a `Change` and
 * asks `decideChange`; the web client asks the `can*` helpers below, which are thin probes of the
 * same function, so a control is read-only exactly when the server would refuse its edit.
 *
 * What must stay true:
 * - anything not recognised (role, root, path shape, project field, content kind) is a denial;
 * - no rule looks deeper than `RULE_PATH_DEPTH` keys below a keyed root (meta, progress,
 *   projects), and every longer path there is denied. Inspectors may therefore truncate paths to
 *   `RULE_PATH_DEPTH + 1` keys without changing a decision (rich text and objectives are judged
 *   by their root alone);
 * - a decision reads only its arguments: no document, clock or I/O.
 */
import {
  ACTIVITY_FIELDS,
  ALL_OBJECTIVES,
  COMMENT_FIELDS,
  COMMENT_FIXED_FIELDS,
  COMMENT_TEXT_FIELDS,
  LOCKABLE_SECTIONS,
  META_KEYS,
  OBJECTIVE_LOCKS_KEY,
  PROJECT_FIELDS,
  Root,
  isRichTextSection,
  isRootName,
  objectiveLockOf,
  slotShape,
} from './schema.ts';

export type Role = 'admin' | 'member' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'member', 'viewer'];

export interface Actor {
  userId: string;
  role: Role;
  /** The user's company; an admin without one can neither lock nor unlock objective definitions. */
  companyId?: string;
  /**
   * The relationship is archived: read-only for everyone, whatever their role. A role alone
   * cannot say this, because viewers may still comment and an archived plan takes no comments.
   */
  archived?: boolean;
}

/** One key below a root: a map key, or `null` for an element of a list (its index never matters). */
export type PathKey = string | null;

/** Deepest key path any rule inspects below a keyed root; see the module comment. */
export const RULE_PATH_DEPTH = 4;

export type YTypeKind = 'map' | 'array' | 'text' | 'xmlFragment' | 'xmlElement' | 'xmlText' | 'xmlHook';

/** What an insert writes into its slot, reduced to what rules need. */
export type Written =
  | { kind: 'values'; values: readonly unknown[] } // plain JSON-like values (Y ContentAny / ContentJSON)
  | { kind: 'type'; type: YTypeKind } // a new shared type; its own content arrives as further changes
  | { kind: 'text' } // characters, formatting marks or embeds
  | { kind: 'deleted' } // a tombstone: content its author already deleted
  | { kind: 'other' }; // binary or anything else

/** The project a change under `projects/<id>` belongs to, as the document (or the update) says. */
export interface ProjectFacts {
  /** Created by the same update, so the change is part of creating it. */
  isNew: boolean;
  createdBy: string | undefined;
  isAccountPlanProject: boolean;
}

export interface Change {
  /** The root type's name, known or not. */
  root: string;
  /** Keys from the root down to the slot that changes (a map key or a list element). */
  path: readonly PathKey[];
  op: 'insert' | 'delete';
  /** For inserts. */
  written?: Written;
  /** The slot's container was created by the same update. */
  inNewType: boolean;
  /** For changes under `projects`: the project at `path[0]` (for an insert at `path.length === 1`, the new one). */
  project?: ProjectFacts;
  /** For changes under `comments`: the comment at `path[0]`, as `project` is for projects. */
  comment?: CommentFacts;
}

/** The comment a change under `comments/<id>` belongs to, as the document (or the update) says. */
export interface CommentFacts {
  /** Written by the same update, so the change is part of writing it. */
  isNew: boolean;
  author: string | undefined;
  /** The thread's first comment (null: this comment starts a thread); undefined when unknown. */
  thread: string | null | undefined;
}

/** What a decision needs from the current document besides the change itself. */
export interface PlanFacts {
  /** `meta.locks` as read (section → lock info); a present, non-null entry means locked. */
  locks: Readonly<Record<string, unknown>>;
  /** `meta.objectiveLocks` as read (objective id or ALL_OBJECTIVES → `{by, company, at}`); absent: none. */
  objectiveLocks?: Readonly<Record<string, unknown>>;
  /** The latest "as of" date (YYYY-MM-DD) a progress entry may carry; absent: entries carry none. */
  latestAsOf?: string;
}

export interface Decision {
  allowed: boolean;
  /** The section the change falls in (a root name, known or not): denial messages start with it. */
  section: string;
  reason: string;
}

const allow = (section: string, reason: string): Decision => ({ allowed: true, section, reason });
const deny = (section: string, reason: string): Decision => ({ allowed: false, section, reason });

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

function isActor(actor: unknown): actor is Actor {
  const a = actor as Actor | null;
  return !!a && typeof a === 'object' && typeof a.userId === 'string' && a.userId !== '' && isRole(a.role);
}

export function isLocked(locks: PlanFacts['locks'] | null | undefined, section: string): boolean {
  return !!locks && Object.prototype.hasOwnProperty.call(locks, section) && locks[section] != null;
}

const includes = (list: readonly string[], key: PathKey): boolean => typeof key === 'string' && list.includes(key);

/**
 * Decides one change: who may change this slot, then (for every role) whether what is written
 * fits the slot (schema.ts `slotShape`). Unknown roles, roots and path shapes are denied.
 */
export function decideChange(actor: Actor, change: Change, facts: PlanFacts): Decision {
  const decision = decideWho(actor, change, facts);
  if (!decision.allowed || change.op !== 'insert' || isRichTextSection(decision.section)) return decision;
  return shapeDenial(decision.section, change) ?? decision;
}

/** Why what an insert writes does not fit its slot, or null when it fits. */
function shapeDenial(section: string, change: Change): Decision | null {
  const written = change.written;
  // A tombstone writes nothing; at a map key it removes the value, which was judged as a delete.
  if (written?.kind === 'deleted') return null;
  const shape = slotShape(section, change.path);
  const where = change.path
    .map((k) => (k === null ? '[]' : k))
    .join('/')
    .slice(0, 120);
  if (!shape) return deny(section, `${where} is not a field of the plan`);
  if (shape.kind === 'type') {
    return written?.kind === 'type' && written.type === shape.type
      ? null
      : deny(section, `${where} must be a ${shape.type}`);
  }
  const isMapKey = typeof change.path[change.path.length - 1] === 'string';
  if (written?.kind !== 'values' || written.values.length === 0 || (isMapKey && written.values.length !== 1)) {
    return deny(section, `${where} must hold a value`);
  }
  if (!written.values.every((v) => shape.rule(v)))
    return deny(section, `${where} holds a value of the wrong type or size`);
  return null;
}

function decideWho(actor: Actor, change: Change, facts: PlanFacts): Decision {
  const section = typeof change?.root === 'string' ? change.root : 'document';
  if (!isActor(actor)) return deny(section, 'unknown user or role');
  if (!isRootName(section)) return deny(section, `"${section}" is not part of the plan`);
  if (!Array.isArray(change.path) || (change.op !== 'insert' && change.op !== 'delete')) {
    return deny(section, 'unrecognised change');
  }
  if (actor.archived === true) return deny(section, 'the relationship is archived: the plan is read-only for everyone');
  // Comments are the one thing viewers write: decided before the rule that stops them.
  if (section === Root.comments) return decideComments(actor, change);
  if (actor.role === 'viewer') return deny(section, 'viewers cannot change the plan');
  switch (section) {
    case Root.meta:
      return decideMeta(actor, change, facts);
    case Root.vision:
    case Root.principles:
    case Root.behaviours:
      // A shape rule, for every role: the editor's document holds blocks (elements) at its top
      // level. Inline content there is nothing the editor can show; each reader's editor would
      // delete it on sight, and a viewer's editor doing so is refused and disconnected.
      if (
        change.op === 'insert' &&
        change.path.length === 1 &&
        !(change.written?.kind === 'type' && change.written.type === 'xmlElement')
      ) {
        return deny(section, 'rich text holds blocks at its top level, not inline content');
      }
      if (actor.role === 'admin') return allow(section, 'admins edit every section, locked or not');
      if (isLocked(facts?.locks, section)) return deny(section, `${section} is locked by an admin`);
      return allow(section, 'members edit unlocked sections');
    case Root.objectives: {
      const locked = lockedDefinition(change.path[0], facts);
      if (locked) return locked;
      if (actor.role === 'admin') return allow(section, 'admins define objectives');
      return deny(section, 'only admins change objectives');
    }
    case Root.progress:
      return decideProgress(actor, change, facts);
    case Root.projects:
      return decideProjects(actor, change);
  }
  return deny(section, 'unrecognised section');
}

function decideMeta(actor: Actor, change: Change, facts: PlanFacts): Decision {
  const [key, sub] = change.path;
  if (key === OBJECTIVE_LOCKS_KEY) return decideObjectiveLock(actor, change, facts);
  const known =
    (change.path.length === 1 && (key === META_KEYS.title || key === META_KEYS.locks)) ||
    (change.path.length === 2 && key === META_KEYS.locks && includes(LOCKABLE_SECTIONS, sub));
  if (!known) return deny(Root.meta, 'only the title and the locks of a plan can change');
  if (actor.role !== 'admin') return deny(Root.meta, 'only admins change the title and the locks');
  return allow(Root.meta, 'admins change the title and the locks');
}

/** An entry's `by` is what a member vouches for: it must be them, on every entry written. */
function entriesBy(written: Written | undefined, userId: string): boolean {
  if (written?.kind !== 'values' || written.values.length === 0) return false;
  return written.values.every(
    (v) => !!v && typeof v === 'object' && !Array.isArray(v) && (v as { by?: unknown }).by === userId,
  );
}

function decideProgress(actor: Actor, change: Change, facts: PlanFacts): Decision {
  const { path, op } = change;
  const shape = typeof path[0] === 'string' ? path.length : 0;
  if (shape === 0 || shape > 2 || (shape === 2 && path[1] !== null))
    return deny(Root.progress, 'unrecognised progress path');
  // The list goes with the objective: replacing or removing it is part of changing the definition.
  if (shape === 1) {
    const locked = lockedDefinition(path[0], facts);
    if (locked) return { ...locked, section: Root.progress };
  }
  if (op === 'insert') {
    const future = futureAsOf(change.written, facts);
    if (future) return future;
  }
  if (actor.role === 'admin') return allow(Root.progress, 'admins manage progress');
  if (shape === 1) return deny(Root.progress, "an objective's progress list is created and removed with it, by admins");
  if (op === 'delete') return deny(Root.progress, 'only admins change or delete progress entries');
  if (change.inNewType) return deny(Root.progress, "progress entries go into an existing objective's list");
  if (!entriesBy(change.written, actor.userId))
    return deny(Root.progress, 'a progress entry must be recorded by its author');
  return allow(Root.progress, 'members record their own progress');
}

function decideProjects(actor: Actor, change: Change): Decision {
  const { path, op, written } = change;
  const id = path[0];
  if (typeof id !== 'string' || path.length > RULE_PATH_DEPTH) return deny(Root.projects, 'unrecognised project path');
  if (path.length === 1) {
    if (op === 'insert' && !(written?.kind === 'type' && written.type === 'map')) {
      return deny(Root.projects, 'a project must be a map');
    }
    return decideProjectSlot(actor, change);
  }
  const field = path[1];
  if (!includes(PROJECT_FIELDS, field)) return deny(Root.projects, `"${String(field)}" is not a project field`);
  if (field === 'activities' && path.length > 2) {
    const activityShape =
      path[2] === null && (path.length === 3 || (path.length === 4 && includes(ACTIVITY_FIELDS, path[3])));
    if (!activityShape) return deny(Root.projects, 'unrecognised activity path');
    return allow(Root.projects, 'admins and members manage activities on any project');
  }
  if (path.length > 3 || (path.length === 3 && (field !== 'objectiveIds' || path[2] !== null))) {
    return deny(Root.projects, 'unrecognised project path');
  }
  return decideProjectField(actor, change, field as string);
}

/** Creating, replacing or deleting a whole project. */
function decideProjectSlot(actor: Actor, change: Change): Decision {
  const p = change.project;
  // The plan needs its Account Plan Project: deleting or replacing it is nobody's to do.
  if (change.op === 'delete' && p?.isAccountPlanProject && !p.isNew) {
    return deny(Root.projects, 'the Account Plan Project cannot be deleted');
  }
  if (actor.role === 'admin') return allow(Root.projects, 'admins manage every project');
  if (!p) return deny(Root.projects, 'unknown project');
  if (change.op === 'insert') {
    if (p.createdBy !== actor.userId) return deny(Root.projects, 'a new project must be created by its author');
    if (p.isAccountPlanProject) return deny(Root.projects, 'only admins create the Account Plan Project');
    return allow(Root.projects, 'members create their own projects');
  }
  if (p.isNew && p.createdBy === actor.userId && !p.isAccountPlanProject) {
    return allow(Root.projects, 'part of creating their own project');
  }
  if (p.createdBy !== actor.userId) return deny(Root.projects, 'only its creator or an admin deletes a project');
  if (p.isAccountPlanProject) return deny(Root.projects, 'only admins delete the Account Plan Project');
  return allow(Root.projects, 'members delete projects they created');
}

/** A project's own fields and its `objectiveIds` list. */
function decideProjectField(actor: Actor, change: Change, field: string): Decision {
  const p = change.project;
  // Unflagging it would make the Account Plan Project an ordinary, deletable one.
  if (field === 'isAccountPlanProject' && p?.isAccountPlanProject && !p.isNew) {
    return deny(Root.projects, 'the Account Plan Project stays the Account Plan Project');
  }
  if (actor.role === 'admin') return allow(Root.projects, 'admins change every project');
  if (!p || p.createdBy !== actor.userId) return deny(Root.projects, 'only its creator or an admin changes a project');
  if (!p.isNew) {
    if (field === 'createdBy' || field === 'isAccountPlanProject') {
      return deny(Root.projects, `members never change ${field}`);
    }
    return allow(Root.projects, 'members change projects they created');
  }
  // Part of creating the project: the identity fields may only say what the creation says.
  const { written, op } = change;
  if (op === 'insert' && change.path.length === 2) {
    const only = (v: unknown) => written?.kind === 'values' && written.values.length === 1 && written.values[0] === v;
    if (field === 'createdBy' && !only(actor.userId))
      return deny(Root.projects, 'a new project must be created by its author');
    if (field === 'isAccountPlanProject' && !only(false))
      return deny(Root.projects, 'only admins create the Account Plan Project');
    if (
      (field === 'objectiveIds' || field === 'activities') &&
      !(written?.kind === 'type' && written.type === 'array')
    ) {
      return deny(Root.projects, `${field} must be a list`);
    }
  }
  if (p.isAccountPlanProject) return deny(Root.projects, 'only admins create the Account Plan Project');
  return allow(Root.projects, 'part of creating their own project');
}

// ---------------------------------------------------------------------------------------------
// Comments: everyone in the relationship, viewers included, writes as themselves; a comment's
// text is its author's alone; admins remove any comment; a thread is resolved or reopened by
// admins, members and whoever started it.
// ---------------------------------------------------------------------------------------------

const C = Root.comments;

/** A resolution names who resolved: the person writing it (a reopen writes null). */
function resolvedBy(written: Written | undefined, userId: string): boolean {
  if (written?.kind !== 'values' || written.values.length !== 1) return false;
  const v = written.values[0];
  return v === null || (!!v && typeof v === 'object' && (v as { by?: unknown }).by === userId);
}

function mayResolve(actor: Actor, c: CommentFacts): boolean {
  return actor.role === 'admin' || actor.role === 'member' || c.author === actor.userId;
}

function decideComments(actor: Actor, change: Change): Decision {
  const { path, op, written } = change;
  const c = change.comment;
  if (typeof path[0] !== 'string' || path.length > 2) return deny(C, 'unrecognised comment path');
  if (!c) return deny(C, 'unknown comment');
  const own = c.author === actor.userId;
  if (path.length === 1) {
    if (op === 'insert') {
      if (!(written?.kind === 'type' && written.type === 'map')) return deny(C, 'a comment must be a map');
      if (!c.isNew || !own) return deny(C, 'a comment must be written by its author');
      return allow(C, 'everyone in the relationship comments as themselves');
    }
    if (own) return allow(C, 'authors delete their own comments');
    if (actor.role === 'admin') return allow(C, 'admins delete any comment');
    return deny(C, 'only its author or an admin deletes a comment');
  }
  const field = path[1];
  if (!includes(COMMENT_FIELDS, field)) return deny(C, `"${String(field)}" is not a comment field`);
  if (field === 'resolved') {
    const unresolved =
      op === 'delete' || (written?.kind === 'values' && written.values.length === 1 && written.values[0] === null);
    if (c.isNew && !own) return deny(C, 'a comment must be written by its author');
    if (c.thread !== null && !(c.isNew && unresolved))
      return deny(C, 'only a thread is resolved, on its first comment');
    if (!c.isNew && !mayResolve(actor, c)) return deny(C, "resolving is for admins, members and the thread's author");
    if (op === 'insert' && !resolvedBy(written, actor.userId))
      return deny(C, 'a thread is resolved by the person resolving it');
    return allow(C, "admins, members and the thread's author resolve and reopen");
  }
  if (c.isNew) {
    if (!own) return deny(C, 'a comment must be written by its author');
    if (field === 'author' && op === 'insert') {
      const only = written?.kind === 'values' && written.values.length === 1 && written.values[0] === actor.userId;
      if (!only) return deny(C, 'a comment must be written by its author');
    }
    return allow(C, 'part of writing their own comment');
  }
  if ((COMMENT_FIXED_FIELDS as readonly string[]).includes(field as string))
    return deny(C, `a comment's ${String(field)} is set when it is written`);
  if ((COMMENT_TEXT_FIELDS as readonly string[]).includes(field as string) && own)
    return allow(C, 'authors edit their own comments');
  return deny(C, "nobody edits someone else's comment");
}

// ---------------------------------------------------------------------------------------------
// UI-facing probes: the same decisions, asked about a representative change.
// ---------------------------------------------------------------------------------------------

const NO_LOCKS: PlanFacts = { locks: {} };
const SAMPLE_ID = 'sample';

function probe(actor: Actor, change: Change, facts: PlanFacts = NO_LOCKS): boolean {
  return decideChange(actor, change, facts).allowed;
}

export function canEditRichText(actor: Actor, section: string, locks: PlanFacts['locks']): boolean {
  if (!isRichTextSection(section)) return false;
  return probe(
    actor,
    { root: section, path: [null], op: 'insert', written: { kind: 'type', type: 'xmlElement' }, inNewType: false },
    { locks },
  );
}

export function canEditObjectives(actor: Actor): boolean {
  return probe(actor, {
    root: Root.objectives,
    path: [SAMPLE_ID, 'title'],
    op: 'insert',
    written: { kind: 'values', values: [''] },
    inNewType: false,
  });
}

/** The plan title and the section locks. */
export function canEditMeta(actor: Actor): boolean {
  return probe(actor, {
    root: Root.meta,
    path: [META_KEYS.title],
    op: 'insert',
    written: { kind: 'values', values: [''] },
    inNewType: false,
  });
}

export function canAddProgress(actor: Actor): boolean {
  const entry = { value: 0, at: new Date(0).toISOString(), by: actor?.userId };
  return probe(actor, {
    root: Root.progress,
    path: [SAMPLE_ID, null],
    op: 'insert',
    written: { kind: 'values', values: [entry] },
    inNewType: false,
  });
}

/** Changing or deleting an existing progress entry. */
export function canChangeProgress(actor: Actor): boolean {
  return probe(actor, { root: Root.progress, path: [SAMPLE_ID, null], op: 'delete', inNewType: false });
}

export function canCreateProject(actor: Actor): boolean {
  const project: ProjectFacts = { isNew: true, createdBy: actor?.userId, isAccountPlanProject: false };
  return probe(actor, {
    root: Root.projects,
    path: [SAMPLE_ID],
    op: 'insert',
    written: { kind: 'type', type: 'map' },
    inNewType: false,
    project,
  });
}

type ProjectLike = { createdBy: string; isAccountPlanProject?: boolean };
const factsOf = (p: ProjectLike): ProjectFacts => ({
  isNew: false,
  createdBy: p?.createdBy,
  isAccountPlanProject: p?.isAccountPlanProject === true,
});

/** A project's own fields (name, description, owner, status) and its linked objectives. */
export function canEditProject(actor: Actor, project: ProjectLike): boolean {
  return probe(actor, {
    root: Root.projects,
    path: [SAMPLE_ID, 'name'],
    op: 'insert',
    written: { kind: 'values', values: [''] },
    inNewType: false,
    project: factsOf(project),
  });
}

export function canDeleteProject(actor: Actor, project: ProjectLike): boolean {
  return probe(actor, {
    root: Root.projects,
    path: [SAMPLE_ID],
    op: 'delete',
    inNewType: false,
    project: factsOf(project),
  });
}

/** Adding, changing and removing activities, on any project. */
export function canEditActivities(actor: Actor): boolean {
  return probe(actor, {
    root: Root.projects,
    path: [SAMPLE_ID, 'activities', null],
    op: 'insert',
    written: { kind: 'type', type: 'map' },
    inNewType: false,
  });
}

/** Starting a thread or replying, as oneself. */
export function canComment(actor: Actor): boolean {
  return probe(actor, {
    root: Root.comments,
    path: [SAMPLE_ID],
    op: 'insert',
    written: { kind: 'type', type: 'map' },
    inNewType: false,
    comment: { isNew: true, author: actor?.userId, thread: null },
  });
}

type CommentLike = { author: string; thread: string | null };
const commentFacts = (c: CommentLike): CommentFacts => ({ isNew: false, author: c?.author, thread: c?.thread });

export function canEditComment(actor: Actor, comment: CommentLike): boolean {
  return probe(actor, {
    root: Root.comments,
    path: [SAMPLE_ID, 'body'],
    op: 'insert',
    written: { kind: 'values', values: ['x'] },
    inNewType: false,
    comment: commentFacts(comment),
  });
}

export function canDeleteComment(actor: Actor, comment: CommentLike): boolean {
  return probe(actor, {
    root: Root.comments,
    path: [SAMPLE_ID],
    op: 'delete',
    inNewType: false,
    comment: commentFacts(comment),
  });
}

/** Resolving or reopening the thread that `thread` starts. */
export function canResolve(actor: Actor, thread: CommentLike): boolean {
  return probe(actor, {
    root: Root.comments,
    path: [SAMPLE_ID, 'resolved'],
    op: 'insert',
    written: { kind: 'values', values: [null] },
    inNewType: false,
    comment: commentFacts(thread),
  });
}

// ---------------------------------------------------------------------------------------------
// Objective locks (`meta.objectiveLocks`) and progress dates. A locked definition is frozen for
// everyone, admins included; its progress is not. Only an admin of the locking admin's company
// lifts or replaces a lock, so one party's definitions are safe from the other party's admins.
// ---------------------------------------------------------------------------------------------

const hasKey = (o: Readonly<Record<string, unknown>> | undefined, k: string) =>
  !!o && Object.prototype.hasOwnProperty.call(o, k) && o[k] != null;

/** Why a change to the objective `id` (its definition, or its existence) is refused by a lock. */
function lockedDefinition(id: PathKey | undefined, facts: PlanFacts): Decision | null {
  const locks = facts?.objectiveLocks;
  if (!locks) return null;
  if (typeof id === 'string' && hasKey(locks, id)) return deny(Root.objectives, 'this objective is locked by an admin');
  if (hasKey(locks, ALL_OBJECTIVES)) return deny(Root.objectives, 'objective definitions are locked by an admin');
  return null;
}

function lockCompany(lock: unknown): unknown {
  return lock && typeof lock === 'object' ? (lock as { company?: unknown }).company : undefined;
}

function decideObjectiveLock(actor: Actor, change: Change, facts: PlanFacts): Decision {
  const { path, op, written } = change;
  if (actor.role !== 'admin') return deny(Root.meta, 'only admins lock and unlock objective definitions');
  if (typeof actor.companyId !== 'string' || actor.companyId === '') {
    return deny(Root.meta, 'objective locks need the admin’s company');
  }
  const locks = facts?.objectiveLocks ?? {};
  if (path.length === 1) {
    // Replacing or removing the whole register would lift every lock in it at once.
    if (op === 'delete' && Object.keys(locks).some((k) => hasKey(locks, k))) {
      return deny(Root.meta, 'objective locks are lifted one at a time');
    }
    return allow(Root.meta, 'admins keep the objective lock register');
  }
  if (path.length !== 2 || typeof path[1] !== 'string') return deny(Root.meta, 'unrecognised objective lock');
  if (op === 'delete') {
    const current = hasKey(locks, path[1]) ? locks[path[1]] : undefined;
    if (current !== undefined && lockCompany(current) !== actor.companyId) {
      return deny(Root.meta, 'only an admin of the company that locked it unlocks it');
    }
    return allow(Root.meta, 'admins of the locking company unlock');
  }
  const vouched =
    written?.kind === 'values' &&
    written.values.length === 1 &&
    !!written.values[0] &&
    typeof written.values[0] === 'object' &&
    (written.values[0] as { by?: unknown }).by === actor.userId &&
    lockCompany(written.values[0]) === actor.companyId;
  if (!vouched) return deny(Root.meta, 'a lock names the admin who sets it and their company');
  return allow(Root.meta, 'admins lock objective definitions');
}

/** Refuses progress entries dated after the latest "as of" date the facts allow. */
function futureAsOf(written: Written | undefined, facts: PlanFacts): Decision | null {
  if (written?.kind !== 'values') return null;
  for (const v of written.values) {
    const asOf = v && typeof v === 'object' ? (v as { asOf?: unknown }).asOf : undefined;
    if (asOf === undefined) continue;
    // ISO dates compare as strings; without a known "today" no date can be vouched for.
    if (typeof asOf !== 'string' || typeof facts?.latestAsOf !== 'string' || asOf > facts.latestAsOf) {
      return deny(Root.progress, 'a progress entry cannot be dated in the future');
    }
  }
  return null;
}

/** Whether the objective's definition is locked (UI probe, same rule as the server's). */
export function isObjectiveLocked(objectiveLocks: Readonly<Record<string, unknown>>, objectiveId: string): boolean {
  return objectiveLockOf(objectiveLocks, objectiveId) !== null;
}

/** Whether `actor` may lift the lock `lock` (an admin of the company that set it). */
export function canUnlockObjective(actor: Actor, lock: unknown): boolean {
  return decideChange(
    actor,
    { root: Root.meta, path: [OBJECTIVE_LOCKS_KEY, SAMPLE_ID], op: 'delete', inNewType: false },
    {
      locks: {},
      objectiveLocks: { [SAMPLE_ID]: lock },
    },
  ).allowed;
}

/** Whether `actor` may lock objective definitions. */
export function canLockObjectives(actor: Actor): boolean {
  const lock = { by: actor?.userId, company: actor?.companyId, at: new Date(0).toISOString() };
  return probe(actor, {
    root: Root.meta,
    path: [OBJECTIVE_LOCKS_KEY, SAMPLE_ID],
    op: 'insert',
    written: { kind: 'values', values: [lock] },
    inNewType: false,
  });
}
