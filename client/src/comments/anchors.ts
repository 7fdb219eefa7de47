/**
 * Where a thread is, in words and in the document: a text anchor's relative positions resolved
 * against the live document (a range that collapsed means its text was deleted), or the plan
 * item it is about.
 */
import * as Y from 'yjs';
import { decodePosition, readObjectives, readProjects, type CommentAnchor } from '../../../shared/schema.ts';
import { SECTIONS } from '../plan/sections.ts';

export interface AnchorView {
  /** "Shared Vision", "Objective: Fill rate"… */
  label: string;
  /** The quoted phrase of a text anchor. */
  quote: string | null;
  /** A text anchor whose whole range was deleted, or an item that no longer exists. */
  gone: boolean;
  /** The plan section to scroll to. */
  section: string | null;
}

const sectionLabel = (id: string) => SECTIONS.find((s) => s.id === id)?.label ?? id;

/** True when the text between the anchor's two positions no longer exists. */
export function textGone(doc: Y.Doc, anchor: Extract<CommentAnchor, { kind: 'text' }>): boolean {
  const start = decodePosition(anchor.start);
  const end = decodePosition(anchor.end);
  if (!start || !end) return true;
  const a = Y.createAbsolutePositionFromRelativePosition(start, doc);
  const b = Y.createAbsolutePositionFromRelativePosition(end, doc);
  if (!a || !b) return true;
  // Both ends on one run of text: the phrase is gone when nothing is left between them.
  if (a.type === b.type) return b.index <= a.index;
  return false;
}

export function describeAnchor(doc: Y.Doc, anchor: CommentAnchor | null): AnchorView {
  if (!anchor) return { label: 'Reply', quote: null, gone: false, section: null };
  switch (anchor.kind) {
    case 'text':
      return {
        label: sectionLabel(anchor.section),
        quote: anchor.quote,
        gone: textGone(doc, anchor),
        section: anchor.section,
      };
    case 'objective': {
      const o = readObjectives(doc).find((x) => x.id === anchor.id);
      return { label: `Objective: ${o?.title || 'deleted'}`, quote: null, gone: !o, section: 'objectives' };
    }
    case 'project': {
      const p = readProjects(doc).find((x) => x.id === anchor.id);
      const section = p?.isAccountPlanProject ? 'account-plan-project' : 'projects';
      return { label: `Project: ${p?.name || 'deleted'}`, quote: null, gone: !p, section };
    }
    case 'activity': {
      const p = readProjects(doc).find((x) => x.id === anchor.projectId);
      const a = p?.activities.find((x) => x.id === anchor.id);
      const section = p?.isAccountPlanProject ? 'account-plan-project' : 'projects';
      return { label: `Activity: ${a?.title || 'deleted'}`, quote: null, gone: !a, section };
    }
  }
}
