import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildInitialPlan, encodePosition, getVision, type CommentAnchor } from '../../../shared/schema.ts';
import { describeAnchor } from './anchors.ts';
import { groupThreads } from './CommentsContext.tsx';
import { matchesFilter } from './CommentsPanel.tsx';

const measure = { unit: '%', baseline: 0, target: 10, direction: 'increase' } as const;

function plan() {
  const doc = new Y.Doc();
  buildInitialPlan(doc, {
    title: 'T',
    vision: ['Grow together, openly.'],
    objectives: [{ title: 'Fill rate', description: '', catalogId: null, measure, dueDate: null }],
    principles: [],
    behaviours: [],
    accountPlanProject: { name: 'APP', description: '', createdBy: 'u_ada' },
  });
  const run = (getVision(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  return { doc, run };
}

const textAnchor = (run: Y.XmlText, from: number, to: number): CommentAnchor => ({
  kind: 'text',
  section: 'vision',
  start: encodePosition(Y.createRelativePositionFromTypeIndex(run, from)),
  end: encodePosition(Y.createRelativePositionFromTypeIndex(run, to)),
  quote: run.toString().slice(from, to),
});

describe('describeAnchor', () => {
  it('a text anchor follows edits around it and reads "gone" once its text is deleted', () => {
    const { doc, run } = plan();
    const anchor = textAnchor(run, 5, 13); // "together"
    run.insert(0, 'We ');
    expect(describeAnchor(doc, anchor)).toMatchObject({ label: 'Shared Vision', quote: 'together', gone: false });
    run.delete(3 + 5, 8);
    expect(describeAnchor(doc, anchor).gone).toBe(true);
  });

  it('names objectives and projects, and says when they are gone', () => {
    const { doc } = plan();
    const objectives = doc.getMap('objectives');
    const id = [...objectives.keys()][0];
    expect(describeAnchor(doc, { kind: 'objective', id })).toMatchObject({
      label: 'Objective: Fill rate',
      gone: false,
      section: 'objectives',
    });
    expect(describeAnchor(doc, { kind: 'project', id: 'nope' }).gone).toBe(true);
  });
});

describe('threads and filters', () => {
  const c = (id: string, author: string, thread: string | null, extra: object = {}) => ({
    id,
    author,
    thread,
    anchor: null,
    body: 'x',
    mentions: [] as string[],
    createdAt: `2026-01-01T00:00:0${id.length}Z`,
    editedAt: null,
    resolved: null,
    ...extra,
  });
  it('groups replies under their thread and filters open, resolved, mine and mentions', () => {
    const threads = groupThreads([
      c('a', 'u_ben', null),
      c('bb', 'u_cara', 'a', { mentions: ['u_dan'] }),
      c('ccc', 'u_vic', null, { resolved: { by: 'u_ada', at: '2026-01-02T00:00:00Z' } }),
      c('dddd', 'u_dan', 'missing'),
    ]);
    expect(threads.map((t) => [t.first.id, t.replies.map((r) => r.id)])).toEqual([
      ['ccc', []],
      ['a', ['bb']],
    ]);
    const ids = (f: Parameters<typeof matchesFilter>[1], me: string) =>
      threads.filter((t) => matchesFilter(t, f, me)).map((t) => t.first.id);
    expect(ids('open', 'u_ben')).toEqual(['a']);
    expect(ids('resolved', 'u_ben')).toEqual(['ccc']);
    expect(ids('mine', 'u_cara')).toEqual(['a']);
    expect(ids('mentions', 'u_dan')).toEqual(['a']);
  });
});
