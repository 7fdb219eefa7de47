import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { planToMarkdown } from './markdown.ts';
import { addProgress, buildInitialPlan, lockObjective, readObjectives, updateObjective } from './schema.ts';

describe('the Markdown export of an objective', () => {
  it('shows owner, data source, the lock, and the latest value by its "as of" date', () => {
    const doc = new Y.Doc();
    buildInitialPlan(doc, {
      title: 'T',
      vision: [],
      objectives: [
        {
          title: 'OTIF',
          description: '',
          catalogId: null,
          measure: { unit: '%', baseline: 80, target: 95, direction: 'increase' },
          dueDate: null,
        },
      ],
      principles: [],
      behaviours: [],
      accountPlanProject: { name: 'APP', description: '', createdBy: 'u_ada' },
    });
    const [o] = readObjectives(doc);
    updateObjective(doc, o.id, { owner: 'u_ben', dataSource: 'ERP delivery report' });
    lockObjective(doc, o.id, 'u_ada', 'acme', new Date('2026-11-20T09:00:00Z'));
    // Typed in this order: the later reading first.
    addProgress(doc, o.id, { value: 90, at: '2026-12-02T10:00:00.000Z', by: 'u_ben', asOf: '2026-12-02' });
    addProgress(doc, o.id, { value: 86, at: '2026-12-02T10:01:00.000Z', by: 'u_ben', asOf: '2026-11-02' });
    const md = planToMarkdown(doc, { people: { u_ada: 'Ada Lovelace', u_ben: 'Ben Okafor' } });
    expect(md).toContain('**Owner:** Ben Okafor · **Data source:** ERP delivery report');
    expect(md).toContain('**Locked:** definition locked by Ada Lovelace on 20 Nov 2026.');
    expect(md).toContain('**Progress:** 90% as of 2 Dec 2026');
    expect(md).toContain('- 2 Nov 2026: 86% (Ben Okafor)\n- 2 Dec 2026: 90% (Ben Okafor)');
  });
});
