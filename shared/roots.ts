/**
 * The plan document's root names and which of them are rich text (CONTRACT 6), without Yjs:
 * the web app's first download (section labels, messages) needs the names, not the library.
 * shared/schema.ts re-exports all of this; import from there unless Yjs must stay out.
 */
export const Root = {
  meta: 'meta',
  vision: 'vision',
  principles: 'principles',
  behaviours: 'behaviours',
  objectives: 'objectives',
  progress: 'progress',
  projects: 'projects',
  comments: 'comments',
} as const;

export type RootName = (typeof Root)[keyof typeof Root];

/** Root name → Y type kind. Anything not listed here is not part of the schema. */
export const ROOT_KINDS: Readonly<Record<RootName, 'map' | 'xml'>> = Object.freeze({
  meta: 'map',
  vision: 'xml',
  principles: 'xml',
  behaviours: 'xml',
  objectives: 'map',
  progress: 'map',
  projects: 'map',
  comments: 'map',
});

export const ROOT_NAMES = Object.keys(ROOT_KINDS) as RootName[];

export function isRootName(name: string): name is RootName {
  return Object.prototype.hasOwnProperty.call(ROOT_KINDS, name);
}

/** The rich-text sections: the ones members may edit unless locked. */
export const RICH_TEXT_SECTIONS = ['vision', 'principles', 'behaviours'] as const;
export type RichTextSection = (typeof RICH_TEXT_SECTIONS)[number];

export function isRichTextSection(name: string): name is RichTextSection {
  return (RICH_TEXT_SECTIONS as readonly string[]).includes(name);
}

/** Sections an admin may lock (meta.locks keys). */
export const LOCKABLE_SECTIONS = RICH_TEXT_SECTIONS;
