/**
 * What changed between two states of a plan, section by section: the comparison view of the
 * history panel and the "changed since agreement" marker both read this. Pure: two snapshots in
 * (shared/planSnapshot.ts), plain data out.
 *
 * - rich text (vision, principles, behaviours): a word-level diff of the plain text, plus a
 *   `formattingOnly` flag when the words are the same but marks or structure differ;
 * - objectives, projects (with their activities): items matched by id, listed as added, removed
 *   or modified with the fields that changed;
 * - progress: entries added or removed per objective.
 *
 * What must stay true: `changed` of every section is false exactly when that section's content is
 * equal in both states, so the drift marker never shows for a plan that reads the same.
 */
import type { ActivityData, Objective, ProgressEntry, Project } from './schema.ts';
import { richJsonToPlain, type PlanSnapshot, type RichNode } from './planSnapshot.ts';
import { diffWords, type TextRun } from './textDiff.ts';

export type { TextRun } from './textDiff.ts';

export const PLAN_SECTIONS = [
  'title',
  'vision',
  'objectives',
  'progress',
  'projects',
  'principles',
  'behaviours',
] as const;
export type PlanSection = (typeof PLAN_SECTIONS)[number];

/**
 * The sections a sign-off covers. Progress is left out on purpose: logging a measurement is the
 * plan being carried out, not the plan changing, so it must not mark an agreement as drifted.
 */
export const AGREED_SECTIONS: readonly PlanSection[] = PLAN_SECTIONS.filter((s) => s !== 'progress');

/**
 * The sections a restore can bring back one by one. Progress is not among them: measurements are
 * facts, kept by every restore for the objectives that stay (server/history/restore.ts).
 */
export const RESTORABLE_SECTIONS = [
  'title',
  'vision',
  'objectives',
  'projects',
  'principles',
  'behaviours',
] as const satisfies readonly PlanSection[];
export type RestorableSection = (typeof RESTORABLE_SECTIONS)[number];

export function isRestorableSection(s: unknown): s is RestorableSection {
  return typeof s === 'string' && (RESTORABLE_SECTIONS as readonly string[]).includes(s);
}

/** Short names, as the section nav says them, for sentences about a restore. */
export const RESTORABLE_SECTION_NAMES: Readonly<Record<RestorableSection, string>> = {
  title: 'the title',
  vision: 'Vision',
  objectives: 'Objectives',
  projects: 'Projects',
  principles: 'Principles',
  behaviours: 'Behaviours',
};

/** "Vision", "Vision and Objectives", "Vision, Objectives and Projects"; null: "the whole plan". */
export function restoredSectionsPhrase(sections: readonly string[] | null): string {
  if (!sections) return 'the whole plan';
  const names = sections.map((s) => (isRestorableSection(s) ? RESTORABLE_SECTION_NAMES[s] : s));
  return names.length <= 1
    ? (names[0] ?? 'nothing')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export interface TextDiff {
  changed: boolean;
  /** Same words, different marks or blocks (e.g. a word made bold). */
  formattingOnly: boolean;
  runs: TextRun[];
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface ItemChange<T> {
  id: string;
  /** The item's title or name after the change (before it, for a removal), for listing. */
  label: string;
  before: T;
  after: T;
  fields: FieldChange[];
}

export interface ListDiff<T> {
  changed: boolean;
  added: T[];
  removed: T[];
  modified: Array<ItemChange<T>>;
}

export interface ProjectChange extends ItemChange<Project> {
  /** Activity changes of a project present in both states (also listed in `fields` as 'activities'). */
  activities: ListDiff<ActivityData>;
}

export interface ProgressChange {
  objectiveId: string;
  objectiveTitle: string;
  added: ProgressEntry[];
  removed: ProgressEntry[];
}

export interface PlanDiff {
  title: { changed: boolean; before: string; after: string };
  vision: TextDiff;
  principles: TextDiff;
  behaviours: TextDiff;
  objectives: ListDiff<Objective>;
  progress: { changed: boolean; objectives: ProgressChange[] };
  projects: ListDiff<Project> & { modified: ProjectChange[] };
}

/**
 * Structural equality of plain JSON-like data; object key order does not matter. Iterative: the
 * data may be a rich-text tree as deep as anything a client managed to store.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  const pending: Array<[unknown, unknown]> = [[a, b]];
  while (pending.length) {
    const [x, y] = pending.pop()!;
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    if (Array.isArray(x)) {
      const yy = y as unknown[];
      if (x.length !== yy.length) return false;
      for (let i = 0; i < x.length; i++) pending.push([x[i], yy[i]]);
      continue;
    }
    const xr = x as Record<string, unknown>;
    const yr = y as Record<string, unknown>;
    const kx = Object.keys(xr).filter((k) => xr[k] !== undefined);
    const ky = Object.keys(yr).filter((k) => yr[k] !== undefined);
    if (kx.length !== ky.length) return false;
    for (const k of kx) pending.push([xr[k], yr[k]]);
  }
  return true;
}

export function diffRichText(before: RichNode, after: RichNode): TextDiff {
  const a = richJsonToPlain(before);
  const b = richJsonToPlain(after);
  const runs = diffWords(a, b);
  const same = deepEqual(before, after);
  return { changed: !same, formattingOnly: !same && a === b, runs };
}

function fieldChanges<T extends object>(before: T, after: T, fields: ReadonlyArray<keyof T & string>): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of fields)
    if (!deepEqual(before[f], after[f])) out.push({ field: f, before: before[f], after: after[f] });
  return out;
}

function diffList<T extends { id: string }, C extends ItemChange<T>>(
  before: readonly T[],
  after: readonly T[],
  compare: (a: T, b: T) => C | null,
): { changed: boolean; added: T[]; removed: T[]; modified: C[] } {
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Map(after.map((x) => [x.id, x]));
  const added = after.filter((x) => !old.has(x.id));
  const removed = before.filter((x) => !now.has(x.id));
  const modified: C[] = [];
  for (const x of after) {
    const prev = old.get(x.id);
    const change = prev && compare(prev, x);
    if (change) modified.push(change);
  }
  return { changed: added.length + removed.length + modified.length > 0, added, removed, modified };
}

// `lock` is here so that locking and unlocking a definition show in history like any change to it.
const OBJECTIVE_DIFF_FIELDS = [
  'title',
  'description',
  'measure',
  'dueDate',
  'order',
  'catalogId',
  'owner',
  'dataSource',
  'lock',
] as const;
const PROJECT_DIFF_FIELDS = [
  'name',
  'description',
  'status',
  'owner',
  'objectiveIds',
  'isAccountPlanProject',
  'createdBy',
] as const;
const ACTIVITY_DIFF_FIELDS = ['title', 'done', 'assignee', 'dueDate'] as const;

export function diffObjectives(before: readonly Objective[], after: readonly Objective[]): ListDiff<Objective> {
  return diffList(before, after, (a, b) => {
    const fields = fieldChanges(a, b, OBJECTIVE_DIFF_FIELDS);
    return fields.length ? { id: b.id, label: b.title, before: a, after: b, fields } : null;
  });
}

export function diffActivities(
  before: readonly ActivityData[],
  after: readonly ActivityData[],
): ListDiff<ActivityData> {
  return diffList(before, after, (a, b) => {
    const fields = fieldChanges(a, b, ACTIVITY_DIFF_FIELDS);
    return fields.length ? { id: b.id, label: b.title, before: a, after: b, fields } : null;
  });
}

export function diffProjects(before: readonly Project[], after: readonly Project[]): PlanDiff['projects'] {
  return diffList<Project, ProjectChange>(before, after, (a, b) => {
    const fields = fieldChanges(a, b, PROJECT_DIFF_FIELDS);
    const activities = diffActivities(a.activities, b.activities);
    // A reorder changes no activity but does change the list: report it as the field.
    const reordered = !activities.changed && !deepEqual(a.activities, b.activities);
    if (activities.changed || reordered)
      fields.push({ field: 'activities', before: a.activities, after: b.activities });
    return fields.length ? { id: b.id, label: b.name, before: a, after: b, fields, activities } : null;
  });
}

/** Entries compared as values: the same measurement logged twice counts twice. */
export function diffProgress(before: PlanSnapshot, after: PlanSnapshot): PlanDiff['progress'] {
  const ids = [...new Set([...Object.keys(before.progress), ...Object.keys(after.progress)])];
  const titles = new Map([...before.objectives, ...after.objectives].map((o) => [o.id, o.title]));
  const objectives: ProgressChange[] = [];
  for (const id of ids) {
    const left = [...(before.progress[id] ?? [])];
    const added: ProgressEntry[] = [];
    for (const e of after.progress[id] ?? []) {
      const i = left.findIndex((x) => deepEqual(x, e));
      if (i >= 0) left.splice(i, 1);
      else added.push(e);
    }
    if (added.length || left.length)
      objectives.push({ objectiveId: id, objectiveTitle: titles.get(id) ?? '', added, removed: left });
  }
  return { changed: objectives.length > 0, objectives };
}

export function planDiff(before: PlanSnapshot, after: PlanSnapshot): PlanDiff {
  return {
    title: { changed: before.title !== after.title, before: before.title, after: after.title },
    vision: diffRichText(before.vision, after.vision),
    principles: diffRichText(before.principles, after.principles),
    behaviours: diffRichText(before.behaviours, after.behaviours),
    objectives: diffObjectives(before.objectives, after.objectives),
    progress: diffProgress(before, after),
    projects: diffProjects(before.projects, after.projects),
  };
}

/** The sections of `diff` that changed, in plan order, among `among` (all by default). */
export function changedSections(diff: PlanDiff, among: readonly PlanSection[] = PLAN_SECTIONS): PlanSection[] {
  return PLAN_SECTIONS.filter((s) => among.includes(s) && diff[s].changed);
}
