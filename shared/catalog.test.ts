import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addFromCatalog,
  applyCatalogUpdate,
  customisedParts,
  hasCatalogUpdate,
  keepPlanText,
  type CatalogEntry,
} from './catalog.ts';
import { readObjectives, updateObjective } from './schema.ts';

const otif: CatalogEntry = {
  id: 'cat_otif',
  title: 'On-time, in-full',
  description: 'Orders delivered complete on the promised day.',
  measure: { unit: '%', baseline: 80, target: 95, direction: 'increase' },
};
const one = (doc: Y.Doc) => readObjectives(doc)[0];

describe('catalog objectives in a plan', () => {
  it('an objective added from the catalog is not customised until its text changes', () => {
    const doc = new Y.Doc();
    const id = addFromCatalog(doc, otif);
    expect(one(doc)).toMatchObject({ catalogId: 'cat_otif', catalogText: { description: otif.description } });
    expect(customisedParts(one(doc))).toEqual([]);
    updateObjective(doc, id, { description: 'For Globex: store deliveries only.' });
    expect(customisedParts(one(doc))).toEqual(['description']);
  });

  it('a changed catalog entry is offered; applying takes its text, keeping leaves the plan text', () => {
    const doc = new Y.Doc();
    const id = addFromCatalog(doc, otif);
    updateObjective(doc, id, { description: 'Ours.' });
    const changed = { ...otif, description: 'Orders complete, on the promised day, with no damage.' };
    expect(hasCatalogUpdate(one(doc), otif)).toBe(false);
    expect(hasCatalogUpdate(one(doc), changed)).toBe(true);

    keepPlanText(doc, id, changed);
    expect(hasCatalogUpdate(one(doc), changed)).toBe(false);
    expect(one(doc).description).toBe('Ours.');

    const again = { ...changed, measure: { ...changed.measure, target: 97 } };
    expect(hasCatalogUpdate(one(doc), again)).toBe(true);
    applyCatalogUpdate(doc, id, again);
    expect(one(doc)).toMatchObject({ description: again.description, measure: { target: 97 } });
    expect(customisedParts(one(doc))).toEqual([]);
    expect(hasCatalogUpdate(one(doc), again)).toBe(false);
  });

  it('objectives from before the catalog text was kept (v1) are neither customised nor offered updates', () => {
    const doc = new Y.Doc();
    const id = addFromCatalog(doc, otif);
    updateObjective(doc, id, { catalogText: null, description: 'x' });
    expect(customisedParts(one(doc))).toEqual([]);
    expect(hasCatalogUpdate(one(doc), { ...otif, title: 'New' })).toBe(false);
  });
});
