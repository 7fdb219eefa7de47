/**
 * The plan page's sections, in page order: their anchor ids, labels and the document root each
 * one shows. The section nav, presence ("Ada is in Objectives"), lock badges and refusal messages
 * all read labels from here. Projects and Alignment (issue 6) are entries like the others.
 */
// roots.ts, not schema.ts: this module is in the first download, which must not carry Yjs.
import { Root, type RichTextSection } from '../../../shared/roots.ts';

export interface SectionDef {
  /** Anchor id and presence value. For document-backed sections, the root name. */
  id: string;
  label: string;
  /** Short label for the sticky nav. */
  navLabel: string;
  richText?: RichTextSection;
}

export const SECTIONS: readonly SectionDef[] = [
  { id: Root.vision, label: 'Shared Vision', navLabel: 'Vision', richText: 'vision' },
  { id: Root.objectives, label: 'Strategic Objectives', navLabel: 'Objectives' },
  { id: 'account-plan-project', label: 'Account Plan Project', navLabel: 'Account Plan Project' },
  { id: Root.projects, label: 'Projects', navLabel: 'Projects' },
  { id: Root.principles, label: 'Guiding Principles', navLabel: 'Principles', richText: 'principles' },
  { id: Root.behaviours, label: 'Intended Behaviours', navLabel: 'Behaviours', richText: 'behaviours' },
  { id: 'alignment', label: 'Alignment', navLabel: 'Alignment' },
];

/** Document roots that have no section of their own, labelled for refusal messages. */
const ROOT_LABELS: Record<string, string> = {
  [Root.meta]: 'the plan settings',
  [Root.progress]: 'Objective progress',
  [Root.comments]: 'Comments',
};

export const SECTION_IDS: readonly string[] = [...SECTIONS.map((s) => s.id), ...Object.keys(ROOT_LABELS)];

export function sectionLabel(id: string): string {
  return SECTIONS.find((s) => s.id === id)?.label ?? ROOT_LABELS[id] ?? 'the plan';
}

export function sectionDomId(id: string): string {
  return `section-${id}`;
}
