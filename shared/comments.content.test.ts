/** Comments are not plan content: the snapshot, the diff and the Markdown export never see them. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { planToMarkdown } from './markdown.ts';
import { changedSections, planDiff } from './planDiff.ts';
import { snapshotPlan } from './planSnapshot.ts';
import {
  addComment,
  buildInitialPlan,
  editComment,
  encodePosition,
  getVision,
  setResolved,
  type InitialPlan,
} from './schema.ts';

const measure = { unit: '%', baseline: 0, target: 10, direction: 'increase' } as const;
const PLAN: InitialPlan = {
  title: 'Acme × Globex',
  vision: ['Grow together.'],
  objectives: [{ title: 'Fill rate', description: '', catalogId: 'c1', measure, dueDate: null }],
  principles: ['Be open'],
  behaviours: ['Meet monthly'],
  accountPlanProject: { name: 'APP', description: '', createdBy: 'u_ada' },
};

describe('comments and plan content', () => {
  it('a plan with a whole discussion snapshots, diffs and exports exactly as without it', () => {
    const doc = new Y.Doc();
    buildInitialPlan(doc, PLAN);
    const before = snapshotPlan(doc);
    const markdown = planToMarkdown(doc);

    const run = (getVision(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    addComment(doc, {
      author: 'u_vic',
      body: 'SECRET-ON-TEXT',
      anchor: {
        kind: 'text',
        section: 'vision',
        start: encodePosition(Y.createRelativePositionFromTypeIndex(run, 0)),
        end: encodePosition(Y.createRelativePositionFromTypeIndex(run, 4)),
        quote: 'Grow',
      },
    });
    const thread = addComment(doc, {
      author: 'u_ben',
      body: 'SECRET-DISCUSSION: can we commit to 95%?',
      mentions: ['u_cara'],
      anchor: { kind: 'objective', id: 'x' },
    });
    addComment(doc, { author: 'u_cara', body: 'SECRET-REPLY', thread });
    editComment(doc, thread, 'SECRET-EDITED', []);
    setResolved(doc, thread, 'u_cara');

    const after = snapshotPlan(doc);
    expect(after).toEqual(before);
    expect(changedSections(planDiff(before, after))).toEqual([]);
    const exported = planToMarkdown(doc);
    expect(exported).toBe(markdown);
    expect(exported).not.toMatch(/SECRET/);
  });
});
