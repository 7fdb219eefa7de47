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
    const attrs = typeof value === 'object' && hasKeys(value as object) ? { ...(value as Record<string, unknown>) } : undefined;
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

function childrenOf(node: Y.XmlFragment | Y.XmlElement): RichNode[] {
  const out: RichNode[] = [];
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) out.push(...textNodes(child));
    else if (child instanceof Y.XmlElement) out.push(elementNode(child));
  }
  return out;
}

function elementNode(el: Y.XmlElement): RichNode {
  const node: RichNode = { type: el.nodeName };
  const attrs = el.getAttributes() as Record<string, unknown>;
  if (hasKeys(attrs)) node.attrs = { ...attrs };
  const content = childrenOf(el);
  if (content.length) node.content = content;
  return node;
}

/** A rich-text root as a ProseMirror `doc` node. */
export function richTextToJson(fragment: Y.XmlFragment): RichNode {
  return { type: 'doc', content: childrenOf(fragment) };
}

/** Blocks whose text reads as one line: everything else only groups blocks. */
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);

/**
 * The plain text of a rich-text node, one line per text block (paragraph, heading, code block),
 * hard breaks as line breaks. Matches `richTextToPlain` of shared/schema.ts for the live doc.
 */
export function richJsonToPlain(node: RichNode): string {
  const lines: string[] = [];
  const walk = (n: RichNode) => {
    if (n.type === 'text') {
      if (!lines.length) lines.push('');
      lines[lines.length - 1] += n.text ?? '';
      return;
    }
    if (n.type === 'hardBreak') {
      lines.push('');
      return;
    }
    if (TEXT_BLOCKS.has(n.type)) lines.push('');
    n.content?.forEach(walk);
  };
  walk(node);
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
