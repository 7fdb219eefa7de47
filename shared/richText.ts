/**
 * The rich-text sections' content schema: the Tiptap extensions that define which nodes, marks
 * and attributes the plan's editors know. The web app's editors and read-only views build on
 * `richTextContentExtensions`, and the server derives what it accepts from the same list, so a
 * node the editor would delete on sight (and so write to the document, even for a viewer) can
 * never be stored.
 *
 * What must stay true:
 * - one extension list: editors add only behaviour (collaboration, carets, placeholders), never
 *   nodes or marks of their own;
 * - links carry only the protocols in `LINK_PROTOCOLS`, in the editor and on the server;
 * - the checks are pure and read only their arguments.
 */
import { getSchema, type AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import type { Schema } from '@tiptap/pm/model';
import { isAllowedHref } from './links.ts';

export { LINK_PROTOCOLS, isAllowedHref } from './links.ts';

/** Deepest nesting of blocks in a rich-text section (a list level takes two: list, item). */
export const MAX_RICH_TEXT_DEPTH = 40;

/**
 * The content extensions of every rich-text editor and view. Options change behaviour only,
 * never which nodes, marks or attributes exist.
 */
export function richTextContentExtensions(opts: { openLinksOnClick?: boolean } = {}): AnyExtension[] {
  return [
    StarterKit.configure({
      // The history is Yjs's (Collaboration); the trailing-node plugin writes on load (see RichTextEditor).
      undoRedo: false,
      trailingNode: false,
      heading: { levels: [2, 3] },
      link: {
        openOnClick: opts.openLinksOnClick ?? false,
        autolink: true,
        defaultProtocol: 'https',
        isAllowedUri: (url) => isAllowedHref(url),
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
      },
    }),
  ];
}

let schema: Schema | undefined;
/** The ProseMirror schema the editors use, built once. */
export function richTextSchema(): Schema {
  schema ??= getSchema(richTextContentExtensions());
  return schema;
}

const isPrimitive = (v: unknown) =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/** Why a block (Y.XmlElement) of this name may not be stored, or null when it may. */
export function blockRefusal(nodeName: string): string | null {
  const type = richTextSchema().nodes[nodeName];
  if (!type || nodeName === richTextSchema().topNodeType.name || type.isText)
    return `"${nodeName.slice(0, 40)}" is not something the editor can show`;
  return null;
}

/** Why an attribute of a block may not be stored, or null when it may. */
export function blockAttributeRefusal(nodeName: string, key: string, value: unknown): string | null {
  const type = richTextSchema().nodes[nodeName];
  if (!type || !Object.prototype.hasOwnProperty.call(type.spec.attrs ?? {}, key))
    return `"${key.slice(0, 40)}" is not an attribute of ${nodeName.slice(0, 40)}`;
  if (!isPrimitive(value)) return `the ${key} of ${nodeName} must be plain text, a number or a flag`;
  return null;
}

/**
 * Why a formatting attribute of text (a mark as the editor's Yjs binding writes it: the mark's
 * name, or `name--hash` for marks that may overlap, and its attributes or null to remove it) may
 * not be stored, or null when it may.
 */
export function markRefusal(key: string, value: unknown): string | null {
  const name = key.includes('--') ? key.slice(0, key.indexOf('--')) : key;
  const type = richTextSchema().marks[name];
  if (!type) return `"${name.slice(0, 40)}" is not a formatting the editor knows`;
  if (value === null) return null;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return `the ${name} formatting must carry its attributes`;
  const attrs = type.spec.attrs ?? {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (!Object.prototype.hasOwnProperty.call(attrs, k)) return `"${k.slice(0, 40)}" is not an attribute of ${name}`;
    if (!isPrimitive(v)) return `the ${k} of ${name} must be plain text`;
  }
  if (name === 'link' && !isAllowedHref((value as { href?: unknown }).href))
    return 'links must be http(s) or mailto addresses';
  return null;
}
