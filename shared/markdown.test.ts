import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addProgress, addProject, buildInitialPlan, getPrinciples, getVision, type InitialPlan } from './schema.ts';
import { snapshotPlan, type RichNode } from './planSnapshot.ts';
import { measureSentence, planToMarkdown, SECTION_TITLES } from './markdown.ts';
import { inlineMarkdown, richToMarkdown } from './richMarkdown.ts';

const PLAN: InitialPlan = {
  title: 'Acme Retail × Globex Supply',
  vision: ['Together we keep shelves full.'],
  objectives: [
    {
      title: 'Raise on-time, in-full delivery',
      description: 'Orders complete and on time.',
      catalogId: 'cat_otif',
      measure: { unit: '%', baseline: 82, target: 95, direction: 'increase' },
      dueDate: '2027-06-30',
    },
    {
      title: 'Shorten lead time',
      description: '',
      catalogId: null,
      measure: { unit: 'days', baseline: 12, target: 8, direction: 'decrease' },
      dueDate: null,
    },
  ],
  principles: ['We share forecasts early.', 'Decisions are made together.'],
  behaviours: ['Raise a risk within one working day.'],
  accountPlanProject: {
    name: 'Joint business plan',
    description: 'Run the plan.',
    createdBy: 'u_ada',
    activities: [{ title: 'Kick-off workshop', done: true, assignee: 'u_cara', dueDate: '2025-03-01' }],
  },
};

const text = (t: string, ...marks: string[]): RichNode =>
  marks.length ? { type: 'text', text: t, marks: marks.map((type) => ({ type })) } : { type: 'text', text: t };

describe('rich text to Markdown', () => {
  it('nests marks and keeps spaces outside the delimiters', () => {
    expect(inlineMarkdown([text('plain '), text('bold ', 'bold'), text('both', 'bold', 'italic'), text(' end')])).toBe(
      'plain **bold *both*** end',
    );
    expect(
      inlineMarkdown([
        { type: 'text', text: 'site', marks: [{ type: 'link', attrs: { href: 'https://x.example/a b' } }] },
      ]),
    ).toBe('[site](https://x.example/a%20b)');
    expect(inlineMarkdown([text('a*b_c')])).toBe('a\\*b\\_c');
    expect(inlineMarkdown([text('x`y', 'code')])).toBe('`` x`y ``');
    expect(inlineMarkdown([text('gone', 'strike')])).toBe('~~gone~~');
  });

  it('exports a link the editor would not render as its text alone', () => {
    for (const href of ['javascript:alert(1)', 'data:text/html,x', 'vbscript:x', '/relative', 42]) {
      expect(inlineMarkdown([{ type: 'text', text: 'click', marks: [{ type: 'link', attrs: { href } }] }])).toBe(
        'click',
      );
    }
    expect(
      inlineMarkdown([
        { type: 'text', text: 'mail', marks: [{ type: 'link', attrs: { href: 'mailto:a@b.example' } }] },
      ]),
    ).toBe('[mail](mailto:a@b.example)');
  });

  it('writes headings, lists, quotes and code blocks', () => {
    const doc: RichNode = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [text('Aim')] },
        { type: 'paragraph', content: [text('- not a list')] },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [
                { type: 'paragraph', content: [text('one')] },
                {
                  type: 'bulletList',
                  content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('nested')] }] }],
                },
              ],
            },
            { type: 'listItem', content: [{ type: 'paragraph', content: [text('two')] }] },
          ],
        },
        {
          type: 'orderedList',
          attrs: { start: 3 },
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('third')] }] }],
        },
        { type: 'blockquote', content: [{ type: 'paragraph', content: [text('quoted')] }] },
        { type: 'codeBlock', content: [text('x = 1')] },
        { type: 'paragraph' },
      ],
    };
    expect(richToMarkdown(doc, 2)).toBe(
      ['### Aim', '\\- not a list', '- one\n  - nested\n- two', '3. third', '> quoted', '```\nx = 1\n```'].join('\n\n'),
    );
  });
});

describe('planToMarkdown', () => {
  it('contains every section, measures as sentences, progress and projects', () => {
    const doc = new Y.Doc();
    buildInitialPlan(doc, PLAN);
    const [otif] = snapshotPlan(doc).objectives;
    addProgress(doc, otif.id, { value: 88, at: '2025-05-01T10:00:00.000Z', by: 'u_ben', note: 'after the pilot' });
    addProject(doc, { name: 'Packaging pilot', createdBy: 'u_ben', status: 'planned' });
    const md = planToMarkdown(doc, {
      people: { u_ada: 'Ada Lovelace', u_ben: 'Ben Okafor', u_cara: 'Cara Jensen' },
      subtitle: 'Version “Agreed”',
    });

    expect(md.startsWith('# Acme Retail × Globex Supply\n')).toBe(true);
    for (const title of Object.values(SECTION_TITLES)) expect(md).toContain(`## ${title}`);
    const order = Object.values(SECTION_TITLES).map((t) => md.indexOf(`## ${t}`));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(md).toContain('Together we keep shelves full.');
    expect(md).toContain('**Measure:** Increase from 82% to 95% by 30 Jun 2027.');
    expect(md).toContain('**Measure:** Decrease from 12 days to 8 days.');
    expect(md).toContain('**Progress:** 88% as of 1 May 2025, 46% of the way from baseline to target (1 entry).');
    expect(md).toContain('- 1 May 2025: 88% — after the pilot (Ben Okafor)');
    expect(md).toContain('**Progress:** no progress recorded yet.');
    expect(md).toContain('### Joint business plan');
    expect(md).toContain('**Owner:** Ada Lovelace');
    expect(md).toContain('- [x] Kick-off workshop — Cara Jensen, due 1 Mar 2025');
    expect(md).toContain('### Packaging pilot');
    expect(md).toContain('- We share forecasts early.\n- Decisions are made together.');
    expect(md).toContain('- Raise a risk within one working day.');
  });

  it('reads a snapshot the same as the doc, and marks empty sections', () => {
    const doc = new Y.Doc();
    buildInitialPlan(doc, { ...PLAN, vision: [], objectives: [], principles: [], behaviours: [] });
    getVision(doc);
    getPrinciples(doc);
    const md = planToMarkdown(snapshotPlan(doc));
    expect(md).toBe(planToMarkdown(doc));
    expect(md).toContain('_No shared vision written yet._');
    expect(md).toContain('_No strategic objectives yet._');
    expect(md).toContain('_No other projects._');
  });

  it('states a measure without a due date', () => {
    expect(
      measureSentence({ measure: { unit: '$', baseline: 10, target: 40, direction: 'increase' }, dueDate: null }),
    ).toBe('Increase from $10 to $40.');
  });
});
