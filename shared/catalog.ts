/**
 * Objectives that come from a company's catalog, inside a plan: whether the plan customised one,
 * whether the catalog changed since the plan took it, and the writes that add one, apply a
 * catalog update or keep the plan's text. The comparison point is the objective's `catalogText`
 * (the entry as the plan last took it), so both companies see the same "customised" marker
 * without reading the owner company's settings. Pure over a Y.Doc.
 */
import type * as Y from 'yjs';
import { addObjective, updateObjective, type CatalogText, type Measure, type Objective } from './schema.ts';

/** A catalog entry as the settings API returns it (CONTRACT 4). */
export interface CatalogEntry {
  id: string;
  title: string;
  description: string;
  measure: Measure;
}

const sameMeasure = (a: Measure, b: Measure) =>
  a.unit === b.unit && a.baseline === b.baseline && a.target === b.target && a.direction === b.direction;

const sameText = (a: CatalogText, b: CatalogText) =>
  a.title === b.title && a.description === b.description && sameMeasure(a.measure, b.measure);

export const catalogTextOf = (e: CatalogEntry | CatalogText): CatalogText => ({
  title: e.title,
  description: e.description,
  measure: { ...e.measure },
});

/** Which parts this plan changed from the catalog text it took; empty when none (or not from the catalog). */
export function customisedParts(o: Objective): Array<'title' | 'description' | 'measure'> {
  const c = o.catalogText;
  if (!o.catalogId || !c) return [];
  const out: Array<'title' | 'description' | 'measure'> = [];
  if (o.title !== c.title) out.push('title');
  if (o.description !== c.description) out.push('description');
  if (!sameMeasure(o.measure, c.measure)) out.push('measure');
  return out;
}

/** The catalog entry changed since the plan took it (applied or kept). */
export function hasCatalogUpdate(o: Objective, entry: CatalogEntry | undefined): boolean {
  if (!entry || o.catalogId !== entry.id || !o.catalogText) return false;
  return !sameText(o.catalogText, catalogTextOf(entry));
}

export function addFromCatalog(doc: Y.Doc, entry: CatalogEntry, dueDate: string | null = null): string {
  return addObjective(doc, {
    title: entry.title,
    description: entry.description,
    catalogId: entry.id,
    measure: { ...entry.measure },
    dueDate,
    catalogText: catalogTextOf(entry),
  });
}

/** Takes the catalog's new text into the plan (the plan's own customisations are replaced). */
export function applyCatalogUpdate(doc: Y.Doc, objectiveId: string, entry: CatalogEntry): void {
  updateObjective(doc, objectiveId, { ...catalogTextOf(entry), catalogText: catalogTextOf(entry) });
}

/** Keeps the plan's text and notes the update as seen, so it is not offered again. */
export function keepPlanText(doc: Y.Doc, objectiveId: string, entry: CatalogEntry): void {
  updateObjective(doc, objectiveId, { catalogText: catalogTextOf(entry) });
}
