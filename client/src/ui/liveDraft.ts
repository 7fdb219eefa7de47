/**
 * A form draft over live data, field by field (a three-way merge per field). Pure, unit-tested.
 *
 * The person's edits are kept apart from the live record: a field they have not touched shows
 * the live value (so an open form follows what others save), a field they changed keeps what
 * they typed, and a field both changed is a conflict the person resolves (keep mine / take
 * theirs). Saving writes only the fields the person changed.
 *
 * What must stay true:
 * - an edit remembers the live value it started from (`base`); a field is "mine" only while
 *   what was typed differs from that base, so typing back the old value hands the field back to
 *   the live record;
 * - a conflict is a field that is mine, whose live value moved away from its base, to something
 *   other than what was typed. Nothing else is ever a conflict;
 * - nothing here drops what the person typed: only `takeTheirs` discards an edit, on request.
 */

export type Fields<K extends string> = Readonly<Record<K, string>>;

export interface FieldEdit {
  /** What the person typed. */
  value: string;
  /** The live value when they started editing the field (or last chose to keep theirs over it). */
  base: string;
}

export type Edits<K extends string> = Readonly<Partial<Record<K, FieldEdit>>>;

export const noEdits = <K extends string>(): Edits<K> => ({}) as Edits<K>;

const entries = <K extends string>(edits: Edits<K>) => Object.entries(edits) as Array<[K, FieldEdit]>;

/** The person changed `k` (what they typed differs from where they started). */
export function isMine<K extends string>(edits: Edits<K>, k: K): boolean {
  const e = edits[k];
  return !!e && e.value !== e.base;
}

/** What the form shows: the person's value for fields they changed, else the live one. */
export function shown<K extends string>(live: Fields<K>, edits: Edits<K>): Record<K, string> {
  const out = { ...live } as Record<K, string>;
  for (const [k, e] of entries(edits)) if (e.value !== e.base) out[k] = e.value;
  return out;
}

/** Records what the person typed into `k`; the base is the live value the first time. */
export function edit<K extends string>(live: Fields<K>, edits: Edits<K>, k: K, value: string): Edits<K> {
  const prev = edits[k];
  const base = prev && prev.value !== prev.base ? prev.base : live[k];
  return { ...edits, [k]: { value, base } };
}

export interface Conflict<K extends string> {
  field: K;
  mine: string;
  theirs: string;
}

/** Fields both the person and someone else changed, to different values. */
export function conflicts<K extends string>(live: Fields<K>, edits: Edits<K>): Conflict<K>[] {
  const out: Conflict<K>[] = [];
  for (const [k, e] of entries(edits)) {
    if (e.value !== e.base && live[k] !== e.base && live[k] !== e.value)
      out.push({ field: k, mine: e.value, theirs: live[k] });
  }
  return out;
}

/** Resolves a conflict for the person's value: the live one becomes what they overwrite. */
export function keepMine<K extends string>(live: Fields<K>, edits: Edits<K>, k: K): Edits<K> {
  const e = edits[k];
  if (!e) return edits;
  return { ...edits, [k]: { value: e.value, base: live[k] } };
}

/** Resolves a conflict for the live value: the person's edit of `k` is dropped. */
export function takeTheirs<K extends string>(edits: Edits<K>, k: K): Edits<K> {
  if (!edits[k]) return edits;
  const next = { ...edits };
  delete next[k];
  return next;
}

/** The fields a save writes: the person's, where they differ from the live value. */
export function changedFields<K extends string>(live: Fields<K>, edits: Edits<K>): K[] {
  return entries(edits)
    .filter(([k, e]) => e.value !== e.base && e.value !== live[k])
    .map(([k]) => k);
}
