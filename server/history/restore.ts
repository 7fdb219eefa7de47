/**
 * Bringing back a version's content as a new, forward change to the live document: the edit
 * that turns what the plan says now into what the version said. History is never rewritten;
 * the restore is one more update that every client receives live, like anyone's edit.
 *
 * Per root, touching only what differs (so an untouched section keeps everyone's cursors):
 * - rich text: when the XML differs, every block is replaced by a deep copy of the version's;
 * - meta: the title only. Locks are how admins run a session, not plan content;
 * - objectives and projects: items missing now are re-created, items the version lacks are
 *   deleted, and fields that differ are set (lists inside a project are replaced whole); an
 *   objective whose definition is locked stays as it is;
 * - progress: measurements are facts, not plan text, so they are kept for every objective that
 *   stays; an objective that comes back brings its entries from the version, and one that goes
 *   takes its array with it (schema: an array exists for every objective, and only for them).
 *
 * A restore of some sections (`sections`) touches only those roots, and progress only as the
 * objectives section requires; every other section keeps its later work.
 *
 * Must run inside one transaction on the live document (the caller's), so clients see one change.
 * Nothing is changed when a rich-text section of either side is nested deeper than
 * MAX_RESTORE_DEPTH: the restore throws ContentTooDeepError before its first change.
 */
import * as Y from 'yjs';
import {
  META_KEYS,
  RICH_TEXT_SECTIONS,
  getMeta,
  getObjectivesMap,
  getProgressMap,
  getProjectsMap,
  getRichText,
  objectiveLockOf,
  readObjectiveLocks,
  type ProgressEntry,
} from '../../shared/schema.ts';
import { RESTORABLE_SECTIONS, deepEqual, type RestorableSection } from '../../shared/planDiff.ts';

/**
 * Deepest rich text a restore rewrites. Yjs's clone, toString, insert and delete each recurse
 * once per level, so past this a restore could overflow the stack halfway through changing the
 * live document; real Tiptap content stays far below it.
 */
export const MAX_RESTORE_DEPTH = 500;

/** A rich-text section too deep to restore safely (see MAX_RESTORE_DEPTH). */
export class ContentTooDeepError extends Error {
  constructor(readonly section: string) {
    super(`${section} is nested more than ${MAX_RESTORE_DEPTH} levels deep`);
    this.name = 'ContentTooDeepError';
  }
}

/** Whether any element of `fragment` sits more than `limit` levels down (walked without recursion). */
function deeperThan(fragment: Y.XmlFragment, limit: number): boolean {
  const pending: Array<[Y.XmlFragment | Y.XmlElement, number]> = [[fragment, 0]];
  while (pending.length) {
    const [node, depth] = pending.pop()!;
    if (depth > limit) return true;
    for (const child of node.toArray()) if (child instanceof Y.XmlElement) pending.push([child, depth + 1]);
  }
  return false;
}

/** A value as stored in a map: Y types are deep-copied (a Y type can live in one doc only). */
function copyValue(value: unknown): unknown {
  if (value instanceof Y.AbstractType) return value.clone();
  return value !== null && typeof value === 'object' ? structuredClone(value) : value;
}

function plain(value: unknown): unknown {
  return value instanceof Y.AbstractType ? value.toJSON() : value;
}

function restoreFragment(live: Y.XmlFragment, version: Y.XmlFragment): void {
  if (live.toJSON() === version.toJSON()) return;
  if (live.length) live.delete(0, live.length);
  const copies = version.toArray().map((n) => n.clone());
  if (copies.length) live.insert(0, copies as Array<Y.XmlElement | Y.XmlText>);
}

/** Makes `live` hold the same fields as `version`, setting only those that differ. */
function restoreFields(live: Y.Map<unknown>, version: Y.Map<unknown>): void {
  for (const key of [...live.keys()]) if (!version.has(key)) live.delete(key);
  version.forEach((value, key) => {
    if (!live.has(key) || !deepEqual(plain(live.get(key)), plain(value))) live.set(key, copyValue(value));
  });
}

/** Items keyed by id: re-create, delete, or patch field by field; `frozen` ones stay as they are. */
function restoreItems(
  live: Y.Map<unknown>,
  version: Y.Map<unknown>,
  frozen: (id: string) => boolean = () => false,
): void {
  for (const id of [...live.keys()]) if (!version.has(id) && !frozen(id)) live.delete(id);
  version.forEach((item, id) => {
    if (frozen(id)) return;
    const current = live.get(id);
    if (item instanceof Y.Map && current instanceof Y.Map) restoreFields(current, item);
    else if (!deepEqual(plain(current), plain(item))) live.set(id, copyValue(item));
  });
}

function restoreProgress(live: Y.Doc, version: Y.Doc): void {
  const objectiveIds = new Set(getObjectivesMap(live).keys());
  const progress = getProgressMap(live);
  const before = getProgressMap(version);
  for (const id of [...progress.keys()]) if (!objectiveIds.has(id)) progress.delete(id);
  for (const id of objectiveIds) {
    if (progress.get(id) instanceof Y.Array) continue;
    const arr = new Y.Array<ProgressEntry>();
    const old = before.get(id);
    if (old instanceof Y.Array) arr.push(old.toArray().map((e) => structuredClone(e)));
    progress.set(id, arr);
  }
}

/** Applies `version`'s content to `live`, for `sections` (all by default). Call inside `live.transact`. */
export function applyVersionContent(
  live: Y.Doc,
  version: Y.Doc,
  sections: readonly RestorableSection[] = RESTORABLE_SECTIONS,
): void {
  const wanted = new Set(sections);
  // Checked before anything changes: a restore that cannot finish must not start.
  for (const section of RICH_TEXT_SECTIONS) {
    if (!wanted.has(section)) continue;
    if (
      deeperThan(getRichText(live, section), MAX_RESTORE_DEPTH) ||
      deeperThan(getRichText(version, section), MAX_RESTORE_DEPTH)
    ) {
      throw new ContentTooDeepError(section);
    }
  }
  for (const section of RICH_TEXT_SECTIONS) {
    if (wanted.has(section)) restoreFragment(getRichText(live, section), getRichText(version, section));
  }
  const title = getMeta(version).get(META_KEYS.title);
  if (wanted.has('title') && typeof title === 'string' && getMeta(live).get(META_KEYS.title) !== title)
    getMeta(live).set(META_KEYS.title, title);
  if (wanted.has('objectives')) {
    // A locked definition is frozen for everyone (shared/policy.ts), a restore included; the
    // all-objectives lock also keeps objectives from coming back or going.
    const locks = readObjectiveLocks(live);
    const frozen = (id: string) => objectiveLockOf(locks, id) !== null;
    restoreItems(getObjectivesMap(live) as Y.Map<unknown>, getObjectivesMap(version) as Y.Map<unknown>, frozen);
    restoreProgress(live, version);
  }
  if (wanted.has('projects'))
    restoreItems(getProjectsMap(live) as Y.Map<unknown>, getProjectsMap(version) as Y.Map<unknown>);
}
