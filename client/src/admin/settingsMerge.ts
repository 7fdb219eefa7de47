/**
 * Merging an admin's unsaved settings with settings someone else saved meanwhile (the PUT was
 * refused with 409). A three-way merge against the settings the admin started from: what only
 * one side changed is taken from that side; what both changed differently keeps the admin's
 * value and is listed, so they can review it before saving again. Pure, unit-tested.
 *
 * Catalog objectives are matched by id (new ones have none and are the admin's own); library
 * lines by their text, so an edited line is a removed line plus an added one.
 */
import type { AccountPlanSettings as SavedSettings, CatalogObjectiveInput } from '../../../shared/apiTypes.ts';
import type { AccountPlanSettings } from './api.ts';

export interface SettingsMerge {
  merged: AccountPlanSettings;
  /** What both changed differently, in words ("Catalog objective “OTIF”: target"); the admin's value was kept. */
  conflicts: string[];
}

type Field = 'title' | 'description' | 'unit' | 'baseline' | 'target' | 'direction';
const FIELDS: readonly Field[] = ['title', 'description', 'unit', 'baseline', 'target', 'direction'];
const FIELD_LABEL: Record<Field, string> = {
  title: 'title',
  description: 'description',
  unit: 'unit',
  baseline: 'baseline',
  target: 'target',
  direction: 'direction',
};

const valueOf = (o: CatalogObjectiveInput, f: Field): string | number =>
  f === 'title' || f === 'description' ? o[f] : o.measure[f];

function pick<T>(base: T, mine: T, theirs: T, same: (a: T, b: T) => boolean): { value: T; conflict: boolean } {
  if (same(mine, base)) return { value: theirs, conflict: false };
  if (same(theirs, base) || same(mine, theirs)) return { value: mine, conflict: false };
  return { value: mine, conflict: true };
}

const eq = <T>(a: T, b: T) => a === b;

function sameObjective(a: CatalogObjectiveInput, b: CatalogObjectiveInput): boolean {
  return FIELDS.every((f) => valueOf(a, f) === valueOf(b, f));
}

function mergeObjective(
  base: CatalogObjectiveInput,
  mine: CatalogObjectiveInput,
  theirs: CatalogObjectiveInput,
  conflicts: string[],
): CatalogObjectiveInput {
  const out: CatalogObjectiveInput = {
    id: theirs.id,
    title: theirs.title,
    description: theirs.description,
    measure: { ...theirs.measure },
  };
  const clashed: string[] = [];
  for (const f of FIELDS) {
    const r = pick(valueOf(base, f), valueOf(mine, f), valueOf(theirs, f), eq);
    if (r.conflict) clashed.push(FIELD_LABEL[f]);
    if (f === 'title' || f === 'description') out[f] = r.value as string;
    else if (f === 'direction') out.measure.direction = r.value as 'increase' | 'decrease';
    else if (f === 'unit') out.measure.unit = r.value as string;
    else out.measure[f] = r.value as number;
  }
  if (clashed.length) conflicts.push(`Catalog objective “${mine.title}”: ${clashed.join(', ')}`);
  return out;
}

function mergeCatalog(
  base: SavedSettings['objectives'],
  mine: CatalogObjectiveInput[],
  theirs: SavedSettings['objectives'],
  conflicts: string[],
): CatalogObjectiveInput[] {
  const baseById = new Map(base.map((o) => [o.id, o]));
  const mineById = new Map(mine.filter((o) => o.id).map((o) => [o.id!, o]));
  const out: CatalogObjectiveInput[] = [];
  for (const t of theirs) {
    const b = baseById.get(t.id);
    const m = mineById.get(t.id);
    if (!b) {
      out.push(t); // they added it
    } else if (!m) {
      // I removed it: gone, unless they changed it meanwhile (then it stays, for me to review).
      if (sameObjective(b, t)) continue;
      conflicts.push(`Catalog objective “${t.title}”: you removed it, and it was changed meanwhile; it is back`);
      out.push(t);
    } else {
      out.push(mergeObjective(b, m, t, conflicts));
    }
  }
  const theirIds = new Set(theirs.map((o) => o.id));
  for (const m of mine) {
    if (!m.id)
      out.push(m); // mine, new
    else if (!theirIds.has(m.id) && baseById.has(m.id)) {
      // They removed it: gone, unless I changed it (then mine stays, for me to review).
      if (sameObjective(baseById.get(m.id)!, m)) continue;
      conflicts.push(`Catalog objective “${m.title}”: removed meanwhile, but you changed it; yours is kept`);
      out.push(m);
    } else if (!theirIds.has(m.id)) out.push(m);
  }
  return out;
}

/** Lines as sets: each side's removals and additions, in their order then mine. */
function mergeLines(base: string[], mine: string[], theirs: string[]): string[] {
  const baseSet = new Set(base);
  const mineSet = new Set(mine);
  const out = theirs.filter((t) => !(baseSet.has(t) && !mineSet.has(t)));
  const have = new Set(out);
  for (const m of mine) {
    if (have.has(m)) continue;
    if (baseSet.has(m)) continue; // it was there, they removed it
    out.push(m);
    have.add(m);
  }
  return out;
}

export function mergeSettings(base: SavedSettings, mine: AccountPlanSettings, theirs: SavedSettings): SettingsMerge {
  const conflicts: string[] = [];
  const enabled = pick(base.enabled, mine.enabled, theirs.enabled, eq);
  if (enabled.conflict) conflicts.push('Whether Account Plans are enabled');
  return {
    merged: {
      enabled: enabled.value,
      objectives: mergeCatalog(base.objectives, mine.objectives, theirs.objectives, conflicts),
      principles: mergeLines(base.principles, mine.principles, theirs.principles),
      behaviours: mergeLines(base.behaviours, mine.behaviours, theirs.behaviours),
    },
    conflicts,
  };
}
