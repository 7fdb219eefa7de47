/**
 * Joint sign-off, as pure rules over stored signatures.
 *
 * - A signature is a Company Admin's, for their company, on one named version. Each party has at
 *   most one: signing again (any version) replaces that party's signature.
 * - The plan is agreed when every party of the relationship has signed the same version.
 * - Until then, the version in question is the one signed most recently (a pending agreement),
 *   so both sides see what is waiting for their signature.
 * - Drift: the agreed sections (shared/planDiff.ts `AGREED_SECTIONS`) of the live plan compared
 *   with that version. Only an agreed plan is "changed since agreement".
 */
import { AGREED_SECTIONS, changedSections, type PlanDiff } from '../../shared/planDiff.ts';
import type { Agreement } from '../../shared/apiTypes.ts';
import type { Signature } from './VersionStore.ts';

export interface Party {
  id: string;
  name: string;
}

export interface AgreementState {
  /** The agreed version, else the most recently signed one; null when nobody signed. */
  versionId: string | null;
  /** Signatures of the relationship's parties, in party order (owner first). */
  signatures: Signature[];
  agreed: boolean;
}

/** The agreement as the API answers it (shared/apiTypes.ts). */
export type AgreementView = Agreement;

export function agreementState(parties: readonly Party[], stored: readonly Signature[]): AgreementState {
  // A signature of a company that is no longer a party (never the case today) does not count.
  const signatures = parties.map((p) => stored.find((s) => s.companyId === p.id)).filter((s): s is Signature => !!s);
  if (!signatures.length) return { versionId: null, signatures, agreed: false };
  const agreed =
    parties.length > 0 &&
    signatures.length === parties.length &&
    signatures.every((s) => s.versionId === signatures[0].versionId);
  const latest = [...signatures].sort((a, b) => b.at.localeCompare(a.at))[0];
  return { versionId: agreed ? signatures[0].versionId : latest.versionId, signatures, agreed };
}

export function agreementView(
  state: AgreementState,
  versionName: string | null,
  drift: PlanDiff | null,
): AgreementView {
  const changed = drift ? changedSections(drift, AGREED_SECTIONS) : [];
  return { ...state, versionName, changedSinceAgreement: state.agreed && changed.length > 0, changedSections: changed };
}
