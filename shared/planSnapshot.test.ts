/**
 * Readers of stored rich text survive any nesting: a document 10,000 blocks deep (only a
 * hand-made client can write one) reads, renders to Markdown, diffs and serialises without
 * overflowing the stack, keeps all its text, and honest nesting is read exactly.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getVision } from './schema.ts';
import { MAX_RICH_DEPTH, richJsonToPlain, richTextToJson, snapshotPlan, type RichNode } from './planSnapshot.ts';
import { richToMarkdown } from './richMarkdown.ts';
import { deepEqual, planDiff } from './planDiff.ts';
import { planToMarkdown } from './markdown.ts';

/**
 * `levels` alternating bullet lists and list items, the innermost holding a paragraph with
 * `text`. Built one integrated level at a time: inserting a prepared deep tree would make Yjs
 * itself recurse once per level.
 */
function nest(doc: Y.Doc, levels: number, text: string): void {
  doc.transact(() => {
    let parent: Y.XmlFragment | Y.XmlElement = getVision(doc);
    for (let i = 0; i < levels; i++) {
      parent.insert(parent.length, [new Y.XmlElement(i % 2 === 0 ? 'bulletList' : 'listItem')]);
      parent = parent.get(parent.length - 1) as Y.XmlElement;
    }
    const p = new Y.XmlElement('paragraph');
    parent.insert(0, [p]);
    p.insert(0, [new Y.XmlText(text)]);
  });
}

/** Deepest nesting of a JSON node, measured without recursion. */
function depthOf(node: RichNode): number {
  let max = 0;
  const pending: Array<[RichNode, number]> = [[node, 0]];
  while (pending.length) {
    const [n, d] = pending.pop()!;
    max = Math.max(max, d);
    for (const c of n.content ?? []) pending.push([c, d + 1]);
  }
  return max;
}

/** A ProseMirror-shaped JSON chain `levels` deep, built without Yjs. */
function deepJson(levels: number, text: string): RichNode {
  const root: RichNode = { type: 'doc', content: [] };
  let at = root;
  for (let i = 0; i < levels; i++) {
    const next: RichNode = { type: i % 2 === 0 ? 'bulletList' : 'listItem', content: [] };
    at.content!.push(next);
    at = next;
  }
  at.content!.push({ type: 'paragraph', content: [{ type: 'text', text }] });
  return root;
}

describe('rich-text readers and depth', () => {
  it('reads honest nesting exactly: a list 40 levels deep is not flattened', () => {
    const doc = new Y.Doc();
    nest(doc, 80, 'forty lists down');
    const json = richTextToJson(getVision(doc));
    expect(depthOf(json)).toBe(82); // 80 levels, the paragraph, its text
    expect(richJsonToPlain(json)).toBe('forty lists down');
    expect(richToMarkdown(json)).toContain('forty lists down');
  });

  it('reads a 10,000-deep document, flattened below MAX_RICH_DEPTH, with all its text', () => {
    const doc = new Y.Doc();
    nest(doc, 10_000, 'deep text');
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('a shallow line after it')]);
    getVision(doc).push([p]);

    const plan = snapshotPlan(doc);
    expect(depthOf(plan.vision)).toBeLessThanOrEqual(MAX_RICH_DEPTH + 3);
    expect(richJsonToPlain(plan.vision)).toBe('deep text\na shallow line after it');
    // The flattened text sits in a list item, as a list needs.
    const md = planToMarkdown(plan);
    expect(md).toContain('deep text');
    expect(md).toContain('a shallow line after it');
    expect(() => JSON.stringify(plan)).not.toThrow();
    expect(planDiff(plan, plan).vision.changed).toBe(false);
    doc.destroy();
  });

  it('flattens many text blocks below the limit into paragraphs, or hard breaks inside a text block', () => {
    const doc = new Y.Doc();
    const vision = getVision(doc);
    doc.transact(() => {
      let parent: Y.XmlFragment | Y.XmlElement = vision;
      for (let i = 0; i < MAX_RICH_DEPTH - 1; i++) {
        parent.insert(0, [new Y.XmlElement('blockquote')]);
        parent = parent.get(0) as Y.XmlElement;
      }
      // The element at the limit is a list: what lies below it comes out as list items.
      parent.insert(0, [new Y.XmlElement('bulletList')]);
      const list = parent.get(0) as Y.XmlElement;
      for (const words of ['one', 'two']) {
        const item = new Y.XmlElement('listItem');
        list.push([item]);
        const para = new Y.XmlElement('paragraph');
        (list.get(list.length - 1) as Y.XmlElement).push([para]);
        const inner = (list.get(list.length - 1) as Y.XmlElement).get(0) as Y.XmlElement;
        inner.push([new Y.XmlText(words)]);
        inner.push([new Y.XmlElement('hardBreak')]);
        inner.push([new Y.XmlText(`${words} again`)]);
      }
    });
    let at = richTextToJson(vision);
    for (let i = 0; i < MAX_RICH_DEPTH; i++) at = at.content![0];
    expect(at.type).toBe('bulletList');
    expect(at.content).toEqual([
      {
        type: 'listItem',
        content: [
          {
            type: 'paragraph',
            content: [{ type: 'text', text: 'one' }, { type: 'hardBreak' }, { type: 'text', text: 'one again' }],
          },
        ],
      },
      {
        type: 'listItem',
        content: [
          {
            type: 'paragraph',
            content: [{ type: 'text', text: 'two' }, { type: 'hardBreak' }, { type: 'text', text: 'two again' }],
          },
        ],
      },
    ]);
  });

  it('Markdown, plain text and equality take JSON of any depth', () => {
    const a = deepJson(100_000, 'bottom');
    const b = deepJson(100_000, 'bottom');
    const c = deepJson(100_000, 'changed');
    expect(richJsonToPlain(a)).toBe('bottom');
    expect(richToMarkdown(a)).toContain('bottom');
    expect(deepEqual(a, b)).toBe(true);
    expect(deepEqual(a, c)).toBe(false);
  });

  it('deepEqual keeps its rules: key order and undefined fields do not matter', () => {
    expect(deepEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(deepEqual({ a: 1, x: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual({ a: [] }, { a: {} })).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
  });
});
