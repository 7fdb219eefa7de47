/**
 * The plan document, schema v2 (CONTRACT 6, plus the `comments` root: see docs/api.md). The one home of root names, shapes and the small
 * helpers that read and write them: the editor, the server, the policy and the tests all import
 * from here, so no root or field name is typed twice.
 *
 * What must stay true:
 * - every objective has a `progress` array, created in the same transaction as the objective;
 * - `projects[*].objectiveIds` and `projects[*].activities` are Y types created with the project;
 * - only the server calls `buildInitialPlan` (seeding on clients duplicates content).
 */
import * as Y from 'yjs';

export const SCHEMA_VERSION = 2;

export * from './roots.ts';
import { LOCKABLE_SECTIONS, Root, ROOT_KINDS, ROOT_NAMES, type RichTextSection } from './roots.ts';

export const META_KEYS = { title: 'title', schemaVersion: 'schemaVersion', locks: 'locks' } as const;

export type Direction = 'increase' | 'decrease';
export const DIRECTIONS: readonly Direction[] = ['increase', 'decrease'];

export interface Measure {
  unit: string;
  baseline: number;
  target: number;
  direction: Direction;
}

export interface ObjectiveData {
  title: string;
  description: string;
  catalogId: string | null;
  measure: Measure;
  dueDate: string | null;
  order: number;
  /** Who answers for the measurement (a participant's user id). Absent in v1 documents. */
  owner?: string | null;
  /** Where the numbers come from, free text. Absent in v1 documents. */
  dataSource?: string;
  /**
   * The catalog entry as this plan last took it (when added, or when an admin applied or kept a
   * catalog update): what "customised" and "catalog updated" compare against. Absent in v1.
   */
  catalogText?: CatalogText | null;
}

export interface CatalogText {
  title: string;
  description: string;
  measure: Measure;
}
export interface Objective extends ObjectiveData {
  id: string;
  /** The lock on its definition (its own or the all-objectives one), as `readObjectives` finds it. */
  lock?: ObjectiveLock | null;
}

export interface ProgressEntry {
  value: number;
  /** When it was recorded. */
  at: string;
  by: string;
  note?: string;
  /** The day the value was true of (YYYY-MM-DD); absent in v1 documents, where `at` stands for it. */
  asOf?: string;
}

export type ProjectStatus = 'planned' | 'active' | 'on_hold' | 'done';
export const PROJECT_STATUSES: readonly ProjectStatus[] = ['planned', 'active', 'on_hold', 'done'];

export interface ActivityData {
  id: string;
  title: string;
  done: boolean;
  assignee: string | null;
  dueDate: string | null;
}

export interface ProjectData {
  name: string;
  description: string;
  createdBy: string;
  owner: string | null;
  status: ProjectStatus;
  isAccountPlanProject: boolean;
}
export interface Project extends ProjectData {
  id: string;
  objectiveIds: string[];
  activities: ActivityData[];
}

/** Scalar fields of a project (its "own fields" in the permission table). */
export const PROJECT_FIELDS = [
  'name',
  'description',
  'createdBy',
  'owner',
  'status',
  'objectiveIds',
  'isAccountPlanProject',
  'activities',
] as const;
export const OBJECTIVE_FIELDS = [
  'title',
  'description',
  'catalogId',
  'measure',
  'dueDate',
  'order',
  'owner',
  'dataSource',
  'catalogText',
] as const;
export const ACTIVITY_FIELDS = ['id', 'title', 'done', 'assignee', 'dueDate'] as const;

export interface LockInfo {
  by: string;
  at: string;
}

// ---------------------------------------------------------------------------------------------
// Values: what each field may hold (CONTRACT 6 "every field holds exactly its type"). The server
// refuses any other value, whoever writes it; readers and forms use the same rules.
// ---------------------------------------------------------------------------------------------

/** Longest text each kind of field holds (characters). Forms show the same limits. */
export const FIELD_LIMITS = {
  title: 200,
  description: 2000,
  unit: 40,
  note: 500,
  activityTitle: 500,
  dataSource: 500,
  /** Ids: objectives, projects, activities, users, catalog entries. */
  id: 100,
} as const;

/** A check of one value; true when the field may hold it. */
export type ValueRule = (value: unknown) => boolean;

const text =
  (max: number): ValueRule =>
  (v) =>
    typeof v === 'string' && v.length <= max;
const nonEmptyText =
  (max: number): ValueRule =>
  (v) =>
    typeof v === 'string' && v.length > 0 && v.length <= max;
const finite: ValueRule = (v) => typeof v === 'number' && Number.isFinite(v);
const bool: ValueRule = (v) => typeof v === 'boolean';
const orNull =
  (rule: ValueRule): ValueRule =>
  (v) =>
    v === null || rule(v);
const oneOf =
  (list: readonly string[]): ValueRule =>
  (v) =>
    typeof v === 'string' && list.includes(v);

/** A calendar date, `YYYY-MM-DD`, that exists. */
export const isIsoDate: ValueRule = (v) => {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
};

/** A moment as `Date.toISOString()` writes it (UTC, with or without milliseconds). */
export const isIsoTime: ValueRule = (v) =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(v) && !Number.isNaN(Date.parse(v));

/** A plain object with exactly these fields (the optional ones may be absent), each valid. */
function record(fields: Record<string, ValueRule>, optional: readonly string[] = []): ValueRule {
  const names = Object.keys(fields);
  return (v) => {
    if (!v || typeof v !== 'object' || Array.isArray(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!names.includes(k)) return false;
    return names.every((k) => (k in o ? fields[k](o[k]) : optional.includes(k)));
  };
}

const id = nonEmptyText(FIELD_LIMITS.id);

export const isMeasure: ValueRule = record({
  unit: text(FIELD_LIMITS.unit),
  baseline: finite,
  target: finite,
  direction: oneOf(DIRECTIONS),
});

export const OBJECTIVE_VALUE_RULES: Readonly<Record<(typeof OBJECTIVE_FIELDS)[number], ValueRule>> = {
  title: text(FIELD_LIMITS.title),
  description: text(FIELD_LIMITS.description),
  catalogId: orNull(id),
  measure: isMeasure,
  dueDate: orNull(isIsoDate),
  order: finite,
  owner: orNull(id),
  dataSource: text(FIELD_LIMITS.dataSource),
  catalogText: orNull(
    record({ title: text(FIELD_LIMITS.title), description: text(FIELD_LIMITS.description), measure: isMeasure }),
  ),
};

export const isProgressEntry: ValueRule = record(
  { value: finite, at: isIsoTime, by: id, note: text(FIELD_LIMITS.note), asOf: isIsoDate },
  ['note', 'asOf'],
);

/** A project's plain fields; `objectiveIds` and `activities` are lists (see PROJECT_LIST_FIELDS). */
export const PROJECT_VALUE_RULES: Readonly<Record<string, ValueRule>> = {
  name: text(FIELD_LIMITS.title),
  description: text(FIELD_LIMITS.description),
  createdBy: id,
  owner: orNull(id),
  status: oneOf(PROJECT_STATUSES),
  isAccountPlanProject: bool,
};
export const PROJECT_LIST_FIELDS = ['objectiveIds', 'activities'] as const;

export const ACTIVITY_VALUE_RULES: Readonly<Record<(typeof ACTIVITY_FIELDS)[number], ValueRule>> = {
  id,
  title: text(FIELD_LIMITS.activityTitle),
  done: bool,
  assignee: orNull(id),
  dueDate: orNull(isIsoDate),
};

export const isLockInfo: ValueRule = record({ by: id, at: isIsoTime });

/**
 * What may be written at a slot of a keyed root (meta, objectives, progress, projects): a value
 * checked by a rule, or a new shared type of one kind. `null` for a slot the schema does not have.
 * `path` holds map keys and `null` for a list element, as in shared/policy.ts.
 */
export type SlotShape = { kind: 'value'; rule: ValueRule } | { kind: 'type'; type: 'map' | 'array' } | null;

const has = (rules: object, key: unknown): key is string =>
  typeof key === 'string' && Object.prototype.hasOwnProperty.call(rules, key);

export function slotShape(root: string, path: readonly (string | null)[]): SlotShape {
  const [a, b, c, d] = path;
  const n = path.length;
  const keyed = typeof a === 'string' && a.length > 0 && a.length <= FIELD_LIMITS.id;
  switch (root) {
    case Root.meta:
      if (a === OBJECTIVE_LOCKS_KEY) return objectiveLockSlot(path);
      if (n === 1 && a === META_KEYS.title) return { kind: 'value', rule: text(FIELD_LIMITS.title) };
      if (n === 1 && a === META_KEYS.locks) return { kind: 'type', type: 'map' };
      if (
        n === 2 &&
        a === META_KEYS.locks &&
        typeof b === 'string' &&
        (LOCKABLE_SECTIONS as readonly string[]).includes(b)
      ) {
        return { kind: 'value', rule: isLockInfo };
      }
      return null;
    case Root.objectives:
      if (!keyed) return null;
      if (n === 1) return { kind: 'type', type: 'map' };
      if (n === 2 && has(OBJECTIVE_VALUE_RULES, b))
        return { kind: 'value', rule: OBJECTIVE_VALUE_RULES[b as keyof typeof OBJECTIVE_VALUE_RULES] };
      return null;
    case Root.progress:
      if (!keyed) return null;
      if (n === 1) return { kind: 'type', type: 'array' };
      if (n === 2 && b === null) return { kind: 'value', rule: isProgressEntry };
      return null;
    case Root.projects:
      if (!keyed) return null;
      if (n === 1) return { kind: 'type', type: 'map' };
      if (n === 2 && has(PROJECT_VALUE_RULES, b)) return { kind: 'value', rule: PROJECT_VALUE_RULES[b] };
      if (n === 2 && (b === 'objectiveIds' || b === 'activities')) return { kind: 'type', type: 'array' };
      if (n === 3 && b === 'objectiveIds' && c === null) return { kind: 'value', rule: id };
      if (n === 3 && b === 'activities' && c === null) return { kind: 'type', type: 'map' };
      if (n === 4 && b === 'activities' && c === null && has(ACTIVITY_VALUE_RULES, d)) {
        return { kind: 'value', rule: ACTIVITY_VALUE_RULES[d as keyof typeof ACTIVITY_VALUE_RULES] };
      }
      return null;
    case Root.comments:
      return commentSlotShape(path);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Objective locks: `meta.objectiveLocks`, a Y.Map from an objective id (or ALL_OBJECTIVES) to
// who locked its definition, for which company, and when. Separate from `meta.locks` (sections),
// whose shape and meaning stay as CONTRACT 6 has them. Absent in plans that never had a lock.
// ---------------------------------------------------------------------------------------------

export const OBJECTIVE_LOCKS_KEY = 'objectiveLocks';
/** The key that locks every objective's definition, including adding and removing objectives. */
export const ALL_OBJECTIVES = '*';

export interface ObjectiveLock {
  by: string;
  /** The locking admin's company: only an admin of it unlocks. */
  company: string;
  at: string;
}

export const isObjectiveLock: ValueRule = record({ by: id, company: id, at: isIsoTime });

function objectiveLockSlot(path: readonly (string | null)[]): SlotShape {
  if (path.length === 1) return { kind: 'type', type: 'map' };
  if (path.length === 2 && typeof path[1] === 'string' && id(path[1])) return { kind: 'value', rule: isObjectiveLock };
  return null;
}

export function getObjectiveLocksMap(doc: Y.Doc): Y.Map<ObjectiveLock> | undefined {
  const locks = getMeta(doc).get(OBJECTIVE_LOCKS_KEY);
  return locks instanceof Y.Map ? (locks as Y.Map<ObjectiveLock>) : undefined;
}

/** Key → lock, only the well-formed ones (a reader must not trust what it cannot show). */
export function readObjectiveLocks(doc: Y.Doc): Record<string, ObjectiveLock> {
  const out: Record<string, ObjectiveLock> = {};
  getObjectiveLocksMap(doc)?.forEach((v, k) => {
    if (isObjectiveLock(v)) out[k] = v;
  });
  return out;
}

/** The lock that holds an objective's definition: its own, else the all-objectives one. */
export function objectiveLockOf(locks: Readonly<Record<string, unknown>>, objectiveId: string): ObjectiveLock | null {
  const own = Object.prototype.hasOwnProperty.call(locks, objectiveId) ? locks[objectiveId] : undefined;
  if (own != null) return own as ObjectiveLock;
  const all = Object.prototype.hasOwnProperty.call(locks, ALL_OBJECTIVES) ? locks[ALL_OBJECTIVES] : undefined;
  return all != null ? (all as ObjectiveLock) : null;
}

/** Locks one objective's definition (or all, with ALL_OBJECTIVES) as `userId` of `company`. */
export function lockObjective(doc: Y.Doc, key: string, userId: string, company: string, at = new Date()): void {
  doc.transact(() => {
    let locks = getObjectiveLocksMap(doc);
    if (!locks) {
      locks = new Y.Map<ObjectiveLock>();
      getMeta(doc).set(OBJECTIVE_LOCKS_KEY, locks);
    }
    locks.set(key, { by: userId, company, at: at.toISOString() });
  });
}

export function unlockObjective(doc: Y.Doc, key: string): void {
  getObjectiveLocksMap(doc)?.delete(key);
}

// ---------------------------------------------------------------------------------------------
// Root accessors
// ---------------------------------------------------------------------------------------------

export const getMeta = (doc: Y.Doc) => doc.getMap<unknown>(Root.meta);
export const getVision = (doc: Y.Doc) => doc.getXmlFragment(Root.vision);
export const getPrinciples = (doc: Y.Doc) => doc.getXmlFragment(Root.principles);
export const getBehaviours = (doc: Y.Doc) => doc.getXmlFragment(Root.behaviours);
export const getRichText = (doc: Y.Doc, section: RichTextSection) => doc.getXmlFragment(section);
export const getObjectivesMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(Root.objectives);
export const getProgressMap = (doc: Y.Doc) => doc.getMap<Y.Array<ProgressEntry>>(Root.progress);
export const getProjectsMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(Root.projects);

/** Instantiates every root with its proper type, so that later reads never guess a type. */
export function defineRoots(doc: Y.Doc): void {
  for (const name of ROOT_NAMES) {
    if (ROOT_KINDS[name] === 'map') doc.getMap(name);
    else doc.getXmlFragment(name);
  }
}

export function getLocksMap(doc: Y.Doc): Y.Map<LockInfo> | undefined {
  const locks = getMeta(doc).get(META_KEYS.locks);
  return locks instanceof Y.Map ? (locks as Y.Map<LockInfo>) : undefined;
}

export function readLocks(doc: Y.Doc): Record<string, LockInfo> {
  const locks = getLocksMap(doc);
  return locks ? locks.toJSON() : {};
}

export function readLock(doc: Y.Doc, section: string): LockInfo | undefined {
  return getLocksMap(doc)?.get(section);
}

export function setLock(doc: Y.Doc, section: RichTextSection, userId: string, at = new Date()): void {
  doc.transact(() => {
    let locks = getLocksMap(doc);
    if (!locks) {
      locks = new Y.Map<LockInfo>();
      getMeta(doc).set(META_KEYS.locks, locks);
    }
    locks.set(section, { by: userId, at: at.toISOString() });
  });
}

export function clearLock(doc: Y.Doc, section: RichTextSection): void {
  getLocksMap(doc)?.delete(section);
}

export function readTitle(doc: Y.Doc): string {
  const t = getMeta(doc).get(META_KEYS.title);
  return typeof t === 'string' ? t : '';
}

// ---------------------------------------------------------------------------------------------
// Objectives and progress
// ---------------------------------------------------------------------------------------------

export function newId(prefix: string): string {
  const c = globalThis.crypto;
  const rand = c?.randomUUID ? c.randomUUID().replace(/-/g, '').slice(0, 12) : Math.random().toString(36).slice(2, 14);
  return `${prefix}_${rand}`;
}

function measureOf(value: unknown): Measure {
  const m = (value && typeof value === 'object' ? value : {}) as Partial<Measure>;
  return {
    unit: typeof m.unit === 'string' ? m.unit : '',
    baseline: typeof m.baseline === 'number' ? m.baseline : 0,
    target: typeof m.target === 'number' ? m.target : 0,
    direction: m.direction === 'decrease' ? 'decrease' : 'increase',
  };
}

export function readObjective(id: string, map: Y.Map<unknown>): Objective {
  const str = (k: string) => (typeof map.get(k) === 'string' ? (map.get(k) as string) : '');
  const strOrNull = (k: string) => (typeof map.get(k) === 'string' ? (map.get(k) as string) : null);
  return {
    id,
    title: str('title'),
    description: str('description'),
    catalogId: strOrNull('catalogId'),
    measure: measureOf(map.get('measure')),
    // A value stored before the server checked types reads as no date rather than as garbage.
    dueDate: isIsoDate(map.get('dueDate')) ? (map.get('dueDate') as string) : null,
    order: typeof map.get('order') === 'number' ? (map.get('order') as number) : 0,
    owner: strOrNull('owner'),
    dataSource: str('dataSource'),
    catalogText: catalogTextOf(map.get('catalogText')),
  };
}

function catalogTextOf(v: unknown): CatalogText | null {
  if (!v || typeof v !== 'object') return null;
  const c = v as Partial<CatalogText>;
  if (typeof c.title !== 'string' || typeof c.description !== 'string') return null;
  return { title: c.title, description: c.description, measure: measureOf(c.measure) };
}

/** Objectives sorted by `order`, then id for a stable tie-break. */
export function readObjectives(doc: Y.Doc): Objective[] {
  const out: Objective[] = [];
  const locks = readObjectiveLocks(doc);
  getObjectivesMap(doc).forEach((m, id) => {
    if (m instanceof Y.Map) out.push({ ...readObjective(id, m), lock: objectiveLockOf(locks, id) });
  });
  return out.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

export function addObjective(
  doc: Y.Doc,
  data: Omit<ObjectiveData, 'order'> & { order?: number },
  id = newId('obj'),
): string {
  doc.transact(() => {
    const objectives = getObjectivesMap(doc);
    let order = data.order;
    if (order === undefined) {
      order = 0;
      objectives.forEach((m) => {
        const o = m instanceof Y.Map ? m.get('order') : undefined;
        if (typeof o === 'number' && o >= order!) order = o + 1;
      });
    }
    const m = new Y.Map<unknown>();
    m.set('title', data.title);
    m.set('description', data.description);
    m.set('catalogId', data.catalogId);
    m.set('measure', { ...data.measure });
    m.set('dueDate', data.dueDate);
    m.set('order', order);
    if (data.owner !== undefined) m.set('owner', data.owner);
    if (data.dataSource !== undefined) m.set('dataSource', data.dataSource);
    if (data.catalogText) m.set('catalogText', structuredClone(data.catalogText));
    objectives.set(id, m);
    getProgressMap(doc).set(id, new Y.Array<ProgressEntry>());
  });
  return id;
}

export function updateObjective(doc: Y.Doc, id: string, patch: Partial<ObjectiveData>): void {
  const m = getObjectivesMap(doc).get(id);
  if (!(m instanceof Y.Map)) throw new Error(`unknown objective ${id}`);
  doc.transact(() => {
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) continue;
      m.set(k, k === 'measure' || k === 'catalogText' ? structuredClone(v) : v);
    }
  });
}

export function deleteObjective(doc: Y.Doc, id: string): void {
  doc.transact(() => {
    getObjectivesMap(doc).delete(id);
    getProgressMap(doc).delete(id);
  });
}

export function readProgress(doc: Y.Doc, objectiveId: string): ProgressEntry[] {
  const arr = getProgressMap(doc).get(objectiveId);
  if (!(arr instanceof Y.Array)) return [];
  return arr.toArray().filter((e): e is ProgressEntry => !!e && typeof e === 'object' && typeof e.value === 'number');
}

export function addProgress(doc: Y.Doc, objectiveId: string, entry: ProgressEntry): void {
  const arr = getProgressMap(doc).get(objectiveId);
  if (!(arr instanceof Y.Array)) throw new Error(`objective ${objectiveId} has no progress array`);
  arr.push([cleanEntry(entry)]);
}

function cleanEntry(entry: ProgressEntry): ProgressEntry {
  const clean: ProgressEntry = { value: entry.value, at: entry.at, by: entry.by };
  if (entry.note) clean.note = entry.note;
  if (entry.asOf) clean.asOf = entry.asOf;
  return clean;
}

/**
 * Replaces the entry at `index` (an admin's correction) or removes it (`entry` null). A list of
 * plain values cannot change in place: a correction is a delete and an insert in one transaction.
 */
export function replaceProgress(doc: Y.Doc, objectiveId: string, index: number, entry: ProgressEntry | null): void {
  const arr = getProgressMap(doc).get(objectiveId);
  if (!(arr instanceof Y.Array)) throw new Error(`objective ${objectiveId} has no progress array`);
  if (index < 0 || index >= arr.length) throw new Error(`objective ${objectiveId} has no entry ${index}`);
  doc.transact(() => {
    arr.delete(index, 1);
    if (entry) arr.insert(index, [cleanEntry(entry)]);
  });
}

// ---------------------------------------------------------------------------------------------
// Projects and activities
// ---------------------------------------------------------------------------------------------

function readActivity(m: Y.Map<unknown>): ActivityData {
  const s = (k: string) => (typeof m.get(k) === 'string' ? (m.get(k) as string) : null);
  const due = m.get('dueDate');
  return {
    id: s('id') ?? '',
    title: s('title') ?? '',
    done: m.get('done') === true,
    assignee: s('assignee'),
    dueDate: isIsoDate(due) ? (due as string) : null,
  };
}

export function readProject(id: string, m: Y.Map<unknown>): Project {
  const s = (k: string) => (typeof m.get(k) === 'string' ? (m.get(k) as string) : '');
  const status = m.get('status');
  const ids = m.get('objectiveIds');
  const acts = m.get('activities');
  return {
    id,
    name: s('name'),
    description: s('description'),
    createdBy: s('createdBy'),
    owner: typeof m.get('owner') === 'string' ? (m.get('owner') as string) : null,
    status: PROJECT_STATUSES.includes(status as ProjectStatus) ? (status as ProjectStatus) : 'planned',
    isAccountPlanProject: m.get('isAccountPlanProject') === true,
    objectiveIds: ids instanceof Y.Array ? ids.toArray().filter((x): x is string => typeof x === 'string') : [],
    activities:
      acts instanceof Y.Array
        ? acts
            .toArray()
            .filter((a): a is Y.Map<unknown> => a instanceof Y.Map)
            .map(readActivity)
        : [],
  };
}

/** The Account Plan Project first, then the others by name. */
export function readProjects(doc: Y.Doc): Project[] {
  const out: Project[] = [];
  getProjectsMap(doc).forEach((m, id) => {
    if (m instanceof Y.Map) out.push(readProject(id, m));
  });
  return out.sort(
    (a, b) =>
      Number(b.isAccountPlanProject) - Number(a.isAccountPlanProject) ||
      a.name.localeCompare(b.name) ||
      a.id.localeCompare(b.id),
  );
}

function activityMap(a: ActivityData): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  m.set('id', a.id);
  m.set('title', a.title);
  m.set('done', a.done);
  m.set('assignee', a.assignee);
  m.set('dueDate', a.dueDate);
  return m;
}

export interface NewProject {
  name: string;
  description?: string;
  createdBy: string;
  owner?: string | null;
  status?: ProjectStatus;
  objectiveIds?: string[];
  isAccountPlanProject?: boolean;
  activities?: Array<Omit<ActivityData, 'id'> & { id?: string }>;
}

export function addProject(doc: Y.Doc, p: NewProject, id = newId('prj')): string {
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    m.set('name', p.name);
    m.set('description', p.description ?? '');
    m.set('createdBy', p.createdBy);
    m.set('owner', p.owner ?? p.createdBy);
    m.set('status', p.status ?? 'planned');
    const ids = new Y.Array<string>();
    ids.push(p.objectiveIds ?? []);
    m.set('objectiveIds', ids);
    m.set('isAccountPlanProject', p.isAccountPlanProject ?? false);
    const acts = new Y.Array<Y.Map<unknown>>();
    acts.push((p.activities ?? []).map((a) => activityMap({ ...a, id: a.id ?? newId('act') })));
    m.set('activities', acts);
    getProjectsMap(doc).set(id, m);
  });
  return id;
}

function projectMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  const m = getProjectsMap(doc).get(id);
  if (!(m instanceof Y.Map)) throw new Error(`unknown project ${id}`);
  return m;
}

export function updateProject(
  doc: Y.Doc,
  id: string,
  patch: Partial<Pick<ProjectData, 'name' | 'description' | 'owner' | 'status'>>,
): void {
  const m = projectMap(doc, id);
  doc.transact(() => {
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) m.set(k, v);
  });
}

export function deleteProject(doc: Y.Doc, id: string): void {
  getProjectsMap(doc).delete(id);
}

/** Replaces the linked objectives with `ids`, touching only what changed. */
export function setProjectObjectives(doc: Y.Doc, id: string, ids: string[]): void {
  const arr = projectMap(doc, id).get('objectiveIds');
  if (!(arr instanceof Y.Array)) throw new Error(`project ${id} has no objectiveIds`);
  doc.transact(() => {
    const want = new Set(ids);
    for (let i = arr.length - 1; i >= 0; i--) if (!want.has(arr.get(i) as string)) arr.delete(i, 1);
    const have = new Set(arr.toArray() as string[]);
    const add = ids.filter((x) => !have.has(x));
    if (add.length) arr.push(add);
  });
}

function activitiesArray(doc: Y.Doc, projectId: string): Y.Array<Y.Map<unknown>> {
  const arr = projectMap(doc, projectId).get('activities');
  if (!(arr instanceof Y.Array)) throw new Error(`project ${projectId} has no activities`);
  return arr as Y.Array<Y.Map<unknown>>;
}

function activityIndex(arr: Y.Array<Y.Map<unknown>>, activityId: string): number {
  const i = arr.toArray().findIndex((m) => m instanceof Y.Map && m.get('id') === activityId);
  if (i < 0) throw new Error(`unknown activity ${activityId}`);
  return i;
}

export function addActivity(
  doc: Y.Doc,
  projectId: string,
  a: Omit<ActivityData, 'id'> & { id?: string },
  index?: number,
): string {
  const arr = activitiesArray(doc, projectId);
  const id = a.id ?? newId('act');
  const m = activityMap({ ...a, id });
  if (index === undefined || index >= arr.length) arr.push([m]);
  else arr.insert(Math.max(0, index), [m]);
  return id;
}

export function updateActivity(
  doc: Y.Doc,
  projectId: string,
  activityId: string,
  patch: Partial<Omit<ActivityData, 'id'>>,
): void {
  const arr = activitiesArray(doc, projectId);
  const m = arr.get(activityIndex(arr, activityId));
  doc.transact(() => {
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) m.set(k, v);
  });
}

export function removeActivity(doc: Y.Doc, projectId: string, activityId: string): void {
  const arr = activitiesArray(doc, projectId);
  arr.delete(activityIndex(arr, activityId), 1);
}

/** Y types cannot move: a reorder deletes the activity and inserts an equal copy at `to`. */
export function moveActivity(doc: Y.Doc, projectId: string, activityId: string, to: number): void {
  const arr = activitiesArray(doc, projectId);
  doc.transact(() => {
    const from = activityIndex(arr, activityId);
    const data = readActivity(arr.get(from));
    arr.delete(from, 1);
    arr.insert(Math.max(0, Math.min(to, arr.length)), [activityMap(data)]);
  });
}

// ---------------------------------------------------------------------------------------------
// Rich text: plain paragraphs and lists in Tiptap's (ProseMirror's) Yjs mapping
// ---------------------------------------------------------------------------------------------

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  if (text) p.insert(0, [new Y.XmlText(text)]);
  return p;
}

function bulletList(items: string[]): Y.XmlElement {
  const ul = new Y.XmlElement('bulletList');
  ul.insert(
    0,
    items.map((t) => {
      const li = new Y.XmlElement('listItem');
      li.insert(0, [paragraph(t)]);
      return li;
    }),
  );
  return ul;
}

/** Plain text of a rich-text fragment, one line per block. For search, export and tests. */
export function richTextToPlain(fragment: Y.XmlFragment): string {
  const lines: string[] = [];
  // Iterative, children in document order: a stored document may nest deeper than the stack.
  const stack: Array<Y.XmlElement | Y.XmlText | Y.XmlFragment> = [fragment];
  while (stack.length) {
    const node = stack.pop()!;
    if (node instanceof Y.XmlText) {
      lines[lines.length - 1] = (lines[lines.length - 1] ?? '') + node.toString().replace(/<[^>]+>/g, '');
      continue;
    }
    if (node instanceof Y.XmlElement && (node.nodeName === 'paragraph' || node.nodeName === 'heading')) lines.push('');
    const children = node.toArray() as Array<Y.XmlElement | Y.XmlText>;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Initial content (server only)
// ---------------------------------------------------------------------------------------------

export interface InitialPlan {
  title: string;
  vision: string[];
  objectives: Array<Omit<ObjectiveData, 'order'>>;
  principles: string[];
  behaviours: string[];
  accountPlanProject: {
    name: string;
    description: string;
    createdBy: string;
    owner?: string | null;
    activities?: Array<Omit<ActivityData, 'id'>>;
  };
}

/**
 * Writes a new plan's content into an empty doc in one transaction. Called by the server when a
 * Company Admin configures a relationship (and by the demo seed through the same path). Clients
 * never call it: seeding an XmlFragment from two places duplicates the content.
 */
export function buildInitialPlan(doc: Y.Doc, plan: InitialPlan): void {
  doc.transact(() => {
    defineRoots(doc);
    const meta = getMeta(doc);
    meta.set(META_KEYS.title, plan.title);
    meta.set(META_KEYS.schemaVersion, SCHEMA_VERSION);
    meta.set(META_KEYS.locks, new Y.Map<LockInfo>());
    const vision = plan.vision.length ? plan.vision : [''];
    getVision(doc).insert(0, vision.map(paragraph));
    getPrinciples(doc).insert(0, plan.principles.length ? [bulletList(plan.principles)] : [paragraph('')]);
    getBehaviours(doc).insert(0, plan.behaviours.length ? [bulletList(plan.behaviours)] : [paragraph('')]);
    plan.objectives.forEach((o, i) => addObjective(doc, { ...o, order: i }));
    const app = plan.accountPlanProject;
    addProject(doc, {
      name: app.name,
      description: app.description,
      createdBy: app.createdBy,
      owner: app.owner ?? app.createdBy,
      status: 'active',
      objectiveIds: [],
      isAccountPlanProject: true,
      activities: app.activities ?? [],
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Comments (schema v2): discussion about the plan, kept in the plan's document so it syncs, works
// offline and merges like the rest, but not plan content: versions, diffs, sign-off and export
// read other roots only.
//
// comments: Y.Map, comment id → Y.Map {author, thread, anchor, body, mentions, createdAt, editedAt,
// resolved}. A thread is its first comment (thread: null, with an anchor) and the comments whose
// `thread` names it (anchor: null). `resolved` is meaningful on a thread's first comment only.
// ---------------------------------------------------------------------------------------------

export const COMMENT_LIMITS = { body: 2000, mentions: 20, position: 300, quote: 200 } as const;

/** Where a thread is: a range of rich text (Yjs relative positions, base64), or a plan item. */
export type CommentAnchor =
  | { kind: 'text'; section: RichTextSection; start: string; end: string; quote: string }
  | { kind: 'objective'; id: string }
  | { kind: 'project'; id: string }
  | { kind: 'activity'; projectId: string; id: string };

export interface Resolution {
  by: string;
  at: string;
}

export interface CommentData {
  author: string;
  /** The thread's first comment, or null when this comment starts a thread. */
  thread: string | null;
  anchor: CommentAnchor | null;
  body: string;
  mentions: string[];
  createdAt: string;
  editedAt: string | null;
  resolved: Resolution | null;
}
export interface Comment extends CommentData {
  id: string;
}

export const COMMENT_FIELDS = [
  'author',
  'thread',
  'anchor',
  'body',
  'mentions',
  'createdAt',
  'editedAt',
  'resolved',
] as const;
export type CommentField = (typeof COMMENT_FIELDS)[number];
/** Written once, with the comment; nobody changes them afterwards. */
export const COMMENT_FIXED_FIELDS: readonly CommentField[] = ['author', 'thread', 'anchor', 'createdAt'];
/** The comment's text: its author's alone. */
export const COMMENT_TEXT_FIELDS: readonly CommentField[] = ['body', 'mentions', 'editedAt'];

const position: ValueRule = (v) =>
  typeof v === 'string' && v.length > 0 && v.length <= COMMENT_LIMITS.position && /^[A-Za-z0-9+/]+=*$/.test(v);

const anchorRules: ValueRule[] = [
  record({
    kind: oneOf(['text']),
    section: oneOf(LOCKABLE_SECTIONS),
    start: position,
    end: position,
    quote: text(COMMENT_LIMITS.quote),
  }),
  record({ kind: oneOf(['objective']), id }),
  record({ kind: oneOf(['project']), id }),
  record({ kind: oneOf(['activity']), projectId: id, id }),
];
export const isCommentAnchor: ValueRule = (v) => anchorRules.some((rule) => rule(v));

const mentionList: ValueRule = (v) =>
  Array.isArray(v) && v.length <= COMMENT_LIMITS.mentions && v.every(id) && new Set(v).size === v.length;

export const isResolution: ValueRule = record({ by: id, at: isIsoTime });

export const COMMENT_VALUE_RULES: Readonly<Record<CommentField, ValueRule>> = {
  author: id,
  thread: orNull(id),
  anchor: orNull(isCommentAnchor),
  body: nonEmptyText(COMMENT_LIMITS.body),
  mentions: mentionList,
  createdAt: isIsoTime,
  editedAt: orNull(isIsoTime),
  resolved: orNull(isResolution),
};

function commentSlotShape(path: readonly (string | null)[]): SlotShape {
  const [a, b] = path;
  if (typeof a !== 'string' || a.length === 0 || a.length > FIELD_LIMITS.id) return null;
  if (path.length === 1) return { kind: 'type', type: 'map' };
  if (path.length === 2 && has(COMMENT_VALUE_RULES, b))
    return { kind: 'value', rule: COMMENT_VALUE_RULES[b as CommentField] };
  return null;
}

export const getCommentsMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(Root.comments);

export function readComment(commentId: string, m: Y.Map<unknown>): Comment | null {
  const get = (k: CommentField) => m.get(k);
  const valid = (k: CommentField) => COMMENT_VALUE_RULES[k](get(k));
  // A comment the server let through always has these; anything else is not shown.
  if (!valid('author') || !valid('body') || !valid('createdAt')) return null;
  return {
    id: commentId,
    author: get('author') as string,
    thread: valid('thread') ? (get('thread') as string | null) : null,
    anchor: valid('anchor') ? ((get('anchor') as CommentAnchor | null) ?? null) : null,
    body: get('body') as string,
    mentions: valid('mentions') ? [...(get('mentions') as string[])] : [],
    createdAt: get('createdAt') as string,
    editedAt: valid('editedAt') ? ((get('editedAt') as string | null) ?? null) : null,
    resolved: valid('resolved') ? ((get('resolved') as Resolution | null) ?? null) : null,
  };
}

/** Every readable comment, oldest first (ties by id, so every reader sees the same order). */
export function readComments(doc: Y.Doc): Comment[] {
  const out: Comment[] = [];
  getCommentsMap(doc).forEach((m, commentId) => {
    const c = m instanceof Y.Map ? readComment(commentId, m) : null;
    if (c) out.push(c);
  });
  return out.sort((x, y) => x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id));
}

export interface NewComment {
  author: string;
  body: string;
  mentions?: string[];
  /** A thread's first comment has an anchor; a reply names its thread instead. */
  anchor?: CommentAnchor;
  thread?: string;
  at?: Date;
}

/** Writes one comment (a thread's first or a reply) in one transaction; returns its id. */
export function addComment(doc: Y.Doc, c: NewComment, commentId = newId('cmt')): string {
  if (!c.anchor === !c.thread) throw new Error('a comment has either an anchor or a thread');
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    m.set('author', c.author);
    m.set('thread', c.thread ?? null);
    m.set('anchor', c.anchor ? { ...c.anchor } : null);
    m.set('body', c.body);
    m.set('mentions', [...new Set(c.mentions ?? [])]);
    m.set('createdAt', (c.at ?? new Date()).toISOString());
    m.set('editedAt', null);
    m.set('resolved', null);
    getCommentsMap(doc).set(commentId, m);
  });
  return commentId;
}

function commentMap(doc: Y.Doc, commentId: string): Y.Map<unknown> {
  const m = getCommentsMap(doc).get(commentId);
  if (!(m instanceof Y.Map)) throw new Error(`unknown comment ${commentId}`);
  return m;
}

export function editComment(doc: Y.Doc, commentId: string, body: string, mentions: string[], at = new Date()): void {
  const m = commentMap(doc, commentId);
  doc.transact(() => {
    m.set('body', body);
    m.set('mentions', [...new Set(mentions)]);
    m.set('editedAt', at.toISOString());
  });
}

export function deleteComment(doc: Y.Doc, commentId: string): void {
  getCommentsMap(doc).delete(commentId);
}

/** Resolves (`by` given) or reopens (null) a thread. */
export function setResolved(doc: Y.Doc, threadId: string, by: string | null, at = new Date()): void {
  commentMap(doc, threadId).set('resolved', by === null ? null : { by, at: at.toISOString() });
}

/** Relative positions travel as base64 text in a comment's anchor. */
export function encodePosition(pos: Y.RelativePosition): string {
  const bytes = Y.encodeRelativePosition(pos);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export function decodePosition(text: string): Y.RelativePosition | null {
  try {
    const bin = atob(text);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return Y.decodeRelativePosition(bytes);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Migration of stored documents
// ---------------------------------------------------------------------------------------------

/** The schema version a stored document says it has; 0 for a document not built yet. */
export function readSchemaVersion(doc: Y.Doc): number {
  const v = getMeta(doc).get(META_KEYS.schemaVersion);
  return typeof v === 'number' && Number.isInteger(v) ? v : 0;
}

/**
 * Brings a built plan document up to SCHEMA_VERSION, adding only what newer versions have and
 * changing nothing a user wrote. Returns whether it changed the document. Server only: run on
 * load, inside the server's own transaction, so the change is stored and relayed like any edit.
 *
 * v1 → v2: the `comments` root. Yjs root types exist as soon as they are named, so nothing is
 * written for the root itself; the version number records that the document knows about it.
 */
export function migratePlan(doc: Y.Doc): boolean {
  const from = readSchemaVersion(doc);
  if (from === 0 || from >= SCHEMA_VERSION) return false;
  doc.transact(() => {
    defineRoots(doc);
    getMeta(doc).set(META_KEYS.schemaVersion, SCHEMA_VERSION);
  });
  return true;
}
