/**
 * A plan stored under schema v1, before objectives had owners, data sources, "as of" dates and
 * locks: it must still validate, read and display, and take the new fields; the only migration since v1 is the comments root (v2).
 * The document is written with the bare Yjs API in exactly the v1 shape (CONTRACT 6), encoded
 * and loaded again, as the store hands it to the server.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Actor } from '../../shared/policy.ts';
import { planToMarkdown } from '../../shared/markdown.ts';
import { entriesInTimeOrder, progressStatus } from '../../shared/progress.ts';
import {
  SCHEMA_VERSION,
  addProgress,
  getObjectivesMap,
  getProgressMap,
  migratePlan,
  lockObjective,
  readObjectiveLocks,
  readObjectives,
  readProgress,
  slotShape,
  updateObjective,
} from '../../shared/schema.ts';
import { attempt } from './inspectUpdate.fixtures.ts';

const ADA: Actor = { userId: 'u_ada', role: 'admin', companyId: 'acme' };
const BEN: Actor = { userId: 'u_ben', role: 'member', companyId: 'acme' };

function storedV1(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = doc.getMap('meta');
    meta.set('title', 'Acme × Globex');
    meta.set('schemaVersion', 1);
    meta.set('locks', new Y.Map());
    for (const name of ['vision', 'principles', 'behaviours']) doc.getXmlFragment(name);
    const o = new Y.Map();
    o.set('title', 'On-time delivery');
    o.set('description', 'Orders delivered on the promised day.');
    o.set('catalogId', 'cat_otif');
    o.set('measure', { unit: '%', baseline: 80, target: 95, direction: 'increase' });
    o.set('dueDate', '2027-06-30');
    o.set('order', 0);
    doc.getMap('objectives').set('obj_v1', o);
    const entries = new Y.Array();
    entries.push([
      { value: 84, at: '2026-09-01T09:00:00.000Z', by: 'u_ben' },
      { value: 82, at: '2026-06-01T09:00:00.000Z', by: 'u_ada', note: 'first reading' },
    ]);
    doc.getMap('progress').set('obj_v1', entries);
    doc.getMap('projects');
  });
  const loaded = new Y.Doc();
  Y.applyUpdate(loaded, Y.encodeStateAsUpdate(doc));
  return loaded;
}

describe('a stored schema v1 plan', () => {
  it('needs no migration of its own: the v2 migration (the comments root) carries every objective field as it was', () => {
    expect(SCHEMA_VERSION).toBe(2);
    const doc = storedV1();
    expect(doc.getMap('meta').get('schemaVersion')).toBe(1);
    const before = { objectives: doc.getMap('objectives').toJSON(), progress: doc.getMap('progress').toJSON() };
    expect(migratePlan(doc)).toBe(true);
    expect(doc.getMap('meta').get('schemaVersion')).toBe(2);
    expect(doc.getMap('objectives').toJSON()).toEqual(before.objectives);
    expect(doc.getMap('progress').toJSON()).toEqual(before.progress);
    expect(readObjectiveLocks(doc)).toEqual(readObjectiveLocks(storedV1()));
  });

  it('validates: every objective field and progress entry fits its slot', () => {
    const doc = storedV1();
    getObjectivesMap(doc).forEach((m, id) => {
      expect(slotShape('objectives', [id])).toEqual({ kind: 'type', type: 'map' });
      m.forEach((value, key) => {
        const shape = slotShape('objectives', [id, key]);
        expect(shape?.kind === 'value' && shape.rule(value), key).toBe(true);
      });
    });
    getProgressMap(doc).forEach((arr, id) => {
      for (const e of arr.toArray()) {
        const shape = slotShape('progress', [id, null]);
        expect(shape?.kind === 'value' && shape.rule(e)).toBe(true);
      }
    });
  });

  it('reads with no owner, no data source, no lock, and entries dated the day they were recorded', () => {
    const doc = storedV1();
    const [o] = readObjectives(doc);
    expect(o).toMatchObject({ id: 'obj_v1', owner: null, dataSource: '', lock: null, title: 'On-time delivery' });
    expect(readObjectiveLocks(doc)).toEqual({});
    const entries = entriesInTimeOrder(readProgress(doc, o.id));
    expect(entries.map((e) => e.value)).toEqual([82, 84]);
    const status = progressStatus(o, entries, new Date('2026-10-01T00:00:00Z'));
    expect(status.latest?.value).toBe(84);
    expect(status.explanation).toMatch(/of the way with \d+% of the time gone/);
  });

  it('exports: the objective, its latest value with its date, and "not set" for what v1 lacks', () => {
    const md = planToMarkdown(storedV1());
    expect(md).toContain('On-time delivery');
    expect(md).toContain('84% as of 1 Sep 2026');
    expect(md).toContain('**Owner:** not set · **Data source:** not set');
    expect(md).not.toContain('Locked');
  });

  it('takes the new fields through the permission hook: owner, data source, a lock, a dated entry', () => {
    const server = storedV1();
    expect(
      attempt(server, ADA, (d) => updateObjective(d, 'obj_v1', { owner: 'u_ben', dataSource: 'ERP, monthly' })),
    ).toEqual({ ok: true });
    expect(attempt(server, ADA, (d) => lockObjective(d, 'obj_v1', ADA.userId, 'acme'))).toEqual({ ok: true });
    expect(
      attempt(server, BEN, (d) =>
        addProgress(d, 'obj_v1', { value: 86, at: new Date().toISOString(), by: BEN.userId, asOf: '2026-10-01' }),
      ),
    ).toEqual({ ok: true });
    expect(readObjectives(server)[0]).toMatchObject({
      owner: 'u_ben',
      dataSource: 'ERP, monthly',
      lock: { by: 'u_ada' },
    });
    expect(readProgress(server, 'obj_v1')).toHaveLength(3);
  });
});
