/**
 * Tiptap (ProseMirror) JSON → CommonMark, for the plan's rich-text sections in the Markdown
 * export. Covers StarterKit's nodes and marks (paragraph, heading, lists, blockquote, code
 * block, rule, hard break; bold, italic, strike, code, link); an unknown node keeps its text.
 *
 * What must stay true: every character of text reaches the output (escaped where Markdown would
 * read it as syntax), and marks open and close in a properly nested order, with spaces moved
 * outside the delimiters, because `**bold **` is not bold in CommonMark. Recursion follows the
 * nesting of the input, so below MAX_RICH_DEPTH a node is written as its escaped plain text: no
 * input, however deep, can overflow the stack.
 */
import { MAX_RICH_DEPTH, richJsonToPlain, type RichMark, type RichNode } from './planSnapshot.ts';
import { isAllowedHref } from './links.ts';

/** Outermost first. Marks without a Markdown form (underline, highlight…) keep only their text. */
const MARK_ORDER = ['link', 'bold', 'italic', 'strike', 'code'] as const;
type MdMark = (typeof MARK_ORDER)[number];

/** Escapes what Markdown would read as inline syntax. */
export function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]<>~|])/g, '\\$1');
}

/** A line that would start a heading, list, quote or rule is escaped at its first character. */
function escapeLineStart(line: string): string {
  if (/^(#{1,6}(\s|$)|[-+*](\s|$)|>|=+\s*$)/.test(line)) return '\\' + line;
  const num = /^(\d+)([.)])(\s|$)/.exec(line);
  return num ? `${num[1]}\\${line.slice(num[1].length)}` : line;
}

function mdMarks(marks: RichMark[] | undefined): RichMark[] {
  // A link the editor would not render (javascript:, data:, …) is exported as its text alone.
  const known = (marks ?? []).filter(
    (m): m is RichMark & { type: MdMark } =>
      (MARK_ORDER as readonly string[]).includes(m.type) && (m.type !== 'link' || isAllowedHref(m.attrs?.href)),
  );
  return known.sort((a, b) => MARK_ORDER.indexOf(a.type) - MARK_ORDER.indexOf(b.type));
}

const sameMark = (a: RichMark, b: RichMark) =>
  a.type === b.type && JSON.stringify(a.attrs ?? {}) === JSON.stringify(b.attrs ?? {});

function openDelim(m: RichMark): string {
  switch (m.type) {
    case 'link':
      return '[';
    case 'bold':
      return '**';
    case 'italic':
      return '*';
    case 'strike':
      return '~~';
    default:
      return '`';
  }
}

function closeDelim(m: RichMark): string {
  if (m.type === 'link') {
    const href = typeof m.attrs?.href === 'string' ? m.attrs.href : '';
    return `](${href.replace(/[()\s]/g, (c) => encodeURIComponent(c))})`;
  }
  return openDelim(m);
}

/** Inline content (text and hard breaks) of one text block. */
export function inlineMarkdown(nodes: readonly RichNode[] | undefined, depth = 0): string {
  let out = '';
  // Open marks, outermost first, each with the delimiter that closes it.
  const active: Array<{ mark: RichMark; close: string }> = [];
  let pendingSpace = '';
  const closeFrom = (keep: number) => {
    while (active.length > keep) out += active.pop()!.close;
  };
  for (const node of nodes ?? []) {
    if (node.type === 'hardBreak') {
      closeFrom(0);
      out += pendingSpace + '\\\n';
      pendingSpace = '';
      continue;
    }
    const text =
      node.type === 'text'
        ? (node.text ?? '')
        : depth >= MAX_RICH_DEPTH
          ? escapeInline(richJsonToPlain(node))
          : inlineMarkdown(node.content, depth + 1);
    const lead = /^\s*/.exec(text)![0];
    const core = text.slice(lead.length).trimEnd();
    if (!core) {
      pendingSpace += text;
      continue;
    }
    const trail = text.slice(lead.length + core.length);
    const marks = node.type === 'text' ? mdMarks(node.marks) : [];
    let keep = 0;
    while (keep < active.length && keep < marks.length && sameMark(active[keep].mark, marks[keep])) keep++;
    closeFrom(keep);
    out += pendingSpace + lead;
    for (const m of marks.slice(keep)) {
      // Code that holds a backtick needs a longer fence (CommonMark code spans).
      const wide = m.type === 'code' && core.includes('`');
      out += wide ? '`` ' : openDelim(m);
      active.push({ mark: m, close: wide ? ' ``' : closeDelim(m) });
    }
    const isCode = active.some((a) => a.mark.type === 'code');
    out += isCode || node.type !== 'text' ? core : escapeInline(core);
    pendingSpace = trail;
  }
  closeFrom(0);
  return out + pendingSpace.replace(/\s+$/, '');
}

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((l, i) => (i === 0 || l === '' ? l : by + l))
    .join('\n');

function listItem(item: RichNode, marker: string, depth: number): string {
  const blocks = (item.content ?? []).map((b) => blockMarkdown(b, 0, depth + 1)).filter((b) => b !== '');
  const body = blocks.join('\n') || '';
  return marker + indent(body, ' '.repeat(marker.length));
}

/**
 * One block. `headingBase` shifts heading levels, so a heading inside a section exported under
 * `## Shared Vision` becomes `###` or deeper instead of competing with the document's headings.
 */
export function blockMarkdown(node: RichNode, headingBase: number, depth = 0): string {
  if (depth >= MAX_RICH_DEPTH) {
    return richJsonToPlain(node)
      .split('\n')
      .map((line) => escapeLineStart(escapeInline(line)))
      .join('\n');
  }
  switch (node.type) {
    case 'paragraph':
      return escapeLineStart(inlineMarkdown(node.content, depth + 1));
    case 'heading': {
      const level = typeof node.attrs?.level === 'number' ? node.attrs.level : 1;
      return `${'#'.repeat(Math.min(6, level + headingBase))} ${inlineMarkdown(node.content, depth + 1)}`;
    }
    case 'bulletList':
      return (node.content ?? []).map((li) => listItem(li, '- ', depth)).join('\n');
    case 'taskList':
      return (node.content ?? []).map((li) => listItem(li, li.attrs?.checked ? '- [x] ' : '- [ ] ', depth)).join('\n');
    case 'orderedList': {
      const start = typeof node.attrs?.start === 'number' ? node.attrs.start : 1;
      return (node.content ?? []).map((li, i) => listItem(li, `${start + i}. `, depth)).join('\n');
    }
    case 'blockquote':
      return blocksMarkdown(node.content ?? [], headingBase, depth + 1)
        .split('\n')
        .map((l) => (l ? `> ${l}` : '>'))
        .join('\n');
    case 'codeBlock': {
      const text = (node.content ?? []).map((t) => t.text ?? '').join('');
      const fence = text.includes('```') ? '~~~' : '```';
      const lang = typeof node.attrs?.language === 'string' ? node.attrs.language : '';
      return `${fence}${lang}\n${text}\n${fence}`;
    }
    case 'horizontalRule':
      return '---';
    case 'text':
      return escapeInline(node.text ?? '');
    default:
      // Unknown block: keep whatever it holds rather than lose text.
      return node.content?.some((c) => c.type === 'text')
        ? inlineMarkdown(node.content, depth + 1)
        : blocksMarkdown(node.content ?? [], headingBase, depth + 1);
  }
}

/** Blocks separated by blank lines; empty paragraphs (Tiptap's placeholder lines) disappear. */
export function blocksMarkdown(nodes: readonly RichNode[], headingBase = 0, depth = 0): string {
  return nodes
    .map((n) => blockMarkdown(n, headingBase, depth))
    .filter((b) => b.trim() !== '')
    .join('\n\n');
}

/** A rich-text `doc` node as Markdown. */
export function richToMarkdown(doc: RichNode, headingBase = 0): string {
  return blocksMarkdown(doc.content ?? [], headingBase);
}
