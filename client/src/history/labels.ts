/**
 * Words for history and sign-off, kept pure so the banner, the panel and the print page say the
 * same thing (and a unit test can hold them to it). Dates use shared/markdown's `formatWhen`, the
 * one the Markdown export uses, so the banner and the exported file agree to the day.
 */
import { formatWhen } from '../../../shared/markdown.ts';
import type { PlanSection } from '../../../shared/planDiff.ts';
import type { Agreement, Signature, Version } from './api.ts';

export const PLAN_SECTION_LABELS: Readonly<Record<PlanSection, string>> = {
  title: 'Title',
  vision: 'Shared Vision',
  objectives: 'Strategic Objectives',
  progress: 'Progress',
  projects: 'Projects',
  principles: 'Guiding Principles',
  behaviours: 'Intended Behaviours',
};

export function versionTitle(v: Pick<Version, 'name' | 'kind'>): string {
  return v.name ?? 'Automatic version';
}

/** "Ada Lovelace and Ben Okafor", "Ada, Ben and 2 others", or null when nobody edited. */
export function authorsLine(v: Pick<Version, 'authors'>): string | null {
  const names = v.authors.map((a) => a.name);
  if (names.length === 0) return null;
  if (names.length === 1) return names[0];
  if (names.length <= 3) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} others`;
}

/**
 * The line under a version's name: "27 Nov, 10:04 · named by Ada · changes by Ben". An automatic
 * version nobody edited is the plan's creation (captures follow edits), and saying "no new
 * edits" of it would read as if something were missing.
 */
export function versionMetaLine(v: Pick<Version, 'kind' | 'by' | 'authors'>, when: string): string {
  const parts = [when];
  if (v.kind === 'named' && v.by) parts.push(`named by ${v.by.name}`);
  if (v.kind === 'restore' && v.by) parts.push(`restored by ${v.by.name}`);
  const authors = authorsLine(v);
  if (authors) parts.push(`changes by ${authors}`);
  else if (v.kind !== 'auto') parts.push('no changes since the version before');
  return parts.join(' · ');
}

const signatureText = (s: Signature) => `${s.companyName} (${s.userName}, ${formatWhen(s.at)})`;

export type AgreementState =
  { kind: 'none' } | { kind: 'agreed'; text: string; drift: PlanSection[] } | { kind: 'pending'; text: string };

/**
 * The banner's sentence. Agreed: "Agreed by Acme Retail (Ada Lovelace, 27 Nov 2026) and Globex
 * Supply (Cara Jensen, 27 Nov 2026)". Half signed: "Signed by Acme Retail (Ada Lovelace, 27 Nov
 * 2026); awaiting Globex Supply". Parties that signed different versions both show as signed,
 * each with their version, so nobody reads it as agreed.
 */
export function describeAgreement(
  a: Agreement | null,
  parties: readonly { id: string; name: string }[],
): AgreementState {
  if (!a || a.signatures.length === 0) return { kind: 'none' };
  if (a.agreed)
    return {
      kind: 'agreed',
      text: `Agreed by ${a.signatures.map(signatureText).join(' and ')}`,
      drift: a.changedSinceAgreement ? a.changedSections : [],
    };
  const onThis = a.signatures.filter((s) => s.versionId === a.versionId);
  const elsewhere = a.signatures.filter((s) => s.versionId !== a.versionId);
  const waiting = parties.filter((p) => !onThis.some((s) => s.companyId === p.id)).map((p) => p.name);
  let text = `Signed by ${onThis.map(signatureText).join(' and ')}`;
  if (waiting.length) text += `; awaiting ${waiting.join(' and ')}`;
  if (elsewhere.length) text += ` (${elsewhere.map((s) => `${s.companyName} signed an earlier version`).join('; ')})`;
  return { kind: 'pending', text };
}

export function sectionList(sections: readonly PlanSection[]): string {
  return sections.map((s) => PLAN_SECTION_LABELS[s]).join(', ');
}
