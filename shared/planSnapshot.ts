/**
 * A plan document as plain data: what a stored version is shown as, what the diff compares and
 * what the Markdown export writes. Rich text becomes ProseMirror JSON (the shape Tiptap's
 * `editor.getJSON()` produces), so the client can render a read-only version with the same
 * editor schema it edits with.
 *
 * What must stay true: reading never writes to the document (versions are read from scratch
 * docs, but the live doc is read too), and the output contains no Y types.
 */
import * as Y from 'yjs';
import {
  RICH_TEXT_SECTIONS,
  getRichText,
  readObjectives,
  readProgress,
  readProjects,
  readTitle,
  type Objective,
  type ProgressEntry,
  type Project,
  type RichTextSection,
} from './schema.ts';

export interface RichMark {
  type: string;
  attrs?: Record<string, unknown>;
}

/** One ProseMirror node: `doc`, a block (`paragraph`, `heading`, `bulletList`…) or `text`. */
export interface RichNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichNode[];
  text?: string;
  marks?: RichMark[];
}

export interface PlanSnapshot {
  title: string;
  vision: RichNode;
  principles: RichNode;
  behaviours: RichNode;
  /** In plan order (`order`, then id). */
  objectives: Objective[];
  /** Objective id → its entries as stored (insertion order). */
  progress: Record<string, ProgressEntry[]>;
  /** The Account Plan Project first, then the others by name. */
  projects: Project[];
}

const hasKeys = (o: object | null | undefined): o is Record<string, unknown> => !!o && Object.keys(o).length > 0;

/**
 * y-prosemirror stores a mark as a text attribute named after it whose value is the mark's
 * attrs (`{bold: {}}`, `{link: {href}}`); a null value means "mark removed here".
 */
function marksOf(attributes: Record<string, unknown> | undefined): RichMark[] | undefined {
  if (!attributes) return undefined;
  const marks: RichMark[] = [];
  for (const [type, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    const attrs = typeof value === 'object' && hasKeys(value) ? { ...value } : undefined;
    marks.push(attrs ? { type, attrs } : { type });
  }
  return marks.length ? marks : undefined;
}

function textNodes(text: Y.XmlText): RichNode[] {
  const out: RichNode[] = [];
  for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
    // Embeds are not part of our editor's schema; text is all a plan's rich text holds.
    if (typeof op.insert !== 'string' || op.insert === '') continue;
    const marks = marksOf(op.attributes);
    out.push(marks ? { type: 'text', text: op.insert, marks } : { type: 'text', text: op.insert });
  }
  return out;
}

/**
 * Deepest block nesting readers render. Real Tiptap documents stay far below it (a list nested
 * 20 levels is 40 deep); anything deeper, which only a hand-made client can have written, is
 * shown flattened at this depth with all its text kept. Every walk below is iterative, so no
 * stored document, however deep, can overflow a reader.
 */
export const MAX_RICH_DEPTH = 100;

/** Blocks whose text reads as one line: everything else only groups blocks. */
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);

/** Lists hold list items, so flattened content inside one is wrapped in items. */
const LIST_BLOCKS = new Set(['bulletList', 'orderedList']);

function elementShell(el: Y.XmlElement): RichNode {
  const node: RichNode = { type: el.nodeName };
  const attrs = el.getAttributes() as Record<string, unknown>;
  if (hasKeys(attrs)) node.attrs = { ...attrs };
  return node;
}

function pushAll<T>(into: T[], items: readonly T[]): void {
  // Not `push(...items)`: a long run of formatted text would exceed the engine's argument limit.
  for (const item of items) into.push(item);
}

/**
 * The content of an element at MAX_RICH_DEPTH: every text below it in document order. Inside a
 * text block the texts run on, separated by hard breaks; elsewhere each text block below becomes
 * one paragraph (a list item's paragraph inside a list).
 */
function flattenedContent(el: Y.XmlElement): RichNode[] {
  const inline = TEXT_BLOCKS.has(el.nodeName);
  const out: RichNode[] = [];
  let paragraph: RichNode[] | null = inline ? out : null;
  const pending: Array<Y.XmlElement | Y.XmlText | Y.XmlHook> = el.toArray().reverse();
  while (pending.length) {
    const node = pending.pop()!;
    if (node instanceof Y.XmlText) {
      const texts = textNodes(node);
      if (!texts.length) continue;
      if (!paragraph) {
        paragraph = [];
        out.push({ type: 'paragraph', content: paragraph });
      }
      pushAll(paragraph, texts);
    } else if (node instanceof Y.XmlElement) {
      if (node.nodeName === 'hardBreak') {
        const line = inline ? out : paragraph;
        if (line?.length) line.push({ type: 'hardBreak' });
      } else if (TEXT_BLOCKS.has(node.nodeName)) {
        // A new line starts: in a text block, a break; elsewhere, the next paragraph.
        if (!inline) paragraph = null;
        else if (out.length) out.push({ type: 'hardBreak' });
      }
      pushAll(pending, node.toArray().reverse());
    }
  }
  if (inline || !LIST_BLOCKS.has(el.nodeName)) return out;
  return out.map((p) => ({ type: 'listItem', content: [p] }));
}

/** A rich-text root as a ProseMirror `doc` node, nested at most MAX_RICH_DEPTH blocks deep. */
export function richTextToJson(fragment: Y.XmlFragment): RichNode {
  const root: RichNode = { type: 'doc', content: [] };
  const filled: RichNode[] = [];
  const pending: Array<{ from: Y.XmlFragment | Y.XmlElement; into: RichNode[]; depth: number }> = [
    { from: fragment, into: root.content!, depth: 0 },
  ];
  while (pending.length) {
    const { from, into, depth } = pending.pop()!;
    for (const child of from.toArray()) {
      if (child instanceof Y.XmlText) pushAll(into, textNodes(child));
      else if (child instanceof Y.XmlElement) {
        const node = elementShell(child);
        into.push(node);
        if (depth + 1 >= MAX_RICH_DEPTH) {
          const flat = flattenedContent(child);
          if (flat.length) node.content = flat;
        } else if (child.length) {
          node.content = [];
          filled.push(node);
          pending.push({ from: child, into: node.content, depth: depth + 1 });
        }
      }
    }
  }
  // An element with no renderable children has no `content`, as `editor.getJSON()` writes it.
  for (const node of filled) if (!node.content!.length) delete node.content;
  return root;
}

/**
 * The plain text of a rich-text node, one line per text block (paragraph, heading, code block),
 * hard breaks as line breaks. Matches `richTextToPlain` of shared/schema.ts for the live doc.
 */
export function richJsonToPlain(node: RichNode): string {
  const lines: string[] = [];
  const pending: RichNode[] = [node];
  while (pending.length) {
    const n = pending.pop()!;
    if (n.type === 'text') {
      if (!lines.length) lines.push('');
      lines[lines.length - 1] += n.text ?? '';
      continue;
    }
    if (n.type === 'hardBreak') {
      lines.push('');
      continue;
    }
    if (TEXT_BLOCKS.has(n.type)) lines.push('');
    if (n.content) for (let i = n.content.length - 1; i >= 0; i--) pending.push(n.content[i]);
  }
  return lines.join('\n');
}

/** Everything a version or an export shows, read from a plan document. */
export function snapshotPlan(doc: Y.Doc): PlanSnapshot {
  const objectives = readObjectives(doc);
  const progress: Record<string, ProgressEntry[]> = {};
  for (const o of objectives) progress[o.id] = readProgress(doc, o.id).map((e) => ({ ...e }));
  const rich = Object.fromEntries(RICH_TEXT_SECTIONS.map((s) => [s, richTextToJson(getRichText(doc, s))])) as Record<
    RichTextSection,
    RichNode
  >;
  return {
    title: readTitle(doc),
    vision: rich.vision,
    principles: rich.principles,
    behaviours: rich.behaviours,
    objectives,
    progress,
    projects: readProjects(doc),
  };
}

/** A plan document from a stored full state (`Y.encodeStateAsUpdate`), for reading a version. */
export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

export function snapshotFromState(state: Uint8Array): PlanSnapshot {
  const doc = docFromState(state);
  try {
    return snapshotPlan(doc);
  } finally {
    doc.destroy();
  }
}
