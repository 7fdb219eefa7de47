/**
 * Who takes part in a relationship, and as what: pure functions over plain records, failing
 * closed (an unknown case is "no role").
 *
 * CONTRACT 2: Company Admins of either party are `admin` in all their company's relationships,
 * whatever is stored; everyone else needs an explicit participant record, and only people of
 * one of the two parties count (a stale record for someone who changed company gives nothing).
 */
import type { CompanyRole, Participant, ParticipantRole, PublicUser, Relationship } from './types.ts';

type Person = Pick<PublicUser, 'id' | 'companyId' | 'companyRole'>;

export function isParty(rel: Relationship, companyId: string): boolean {
  return rel.partyIds.includes(companyId);
}

export function effectiveRole(rel: Relationship, user: Person, stored: Participant | undefined): ParticipantRole | null {
  if (!isParty(rel, user.companyId)) return null;
  if (user.companyRole === 'admin') return 'admin';
  if (!stored || stored.relationshipId !== rel.id || stored.userId !== user.id) return null;
  return stored.role === 'admin' || stored.role === 'member' || stored.role === 'viewer' ? stored.role : null;
}

export function isCompanyAdminOf(user: Person, companyId: string): boolean {
  return user.companyRole === 'admin' && user.companyId === companyId;
}

/**
 * Why a team change is refused, or null when allowed. A Company Admin's role is fixed to admin in
 * their company's relationships (CONTRACT 2), so it cannot be lowered or removed here.
 */
export function teamChangeRefusal(
  rel: Relationship,
  target: { companyId: string; companyRole: CompanyRole },
  newRole: ParticipantRole | null,
): { kind: 'not_a_party' | 'company_admin'; message: string } | null {
  if (!isParty(rel, target.companyId)) return { kind: 'not_a_party', message: 'Only people of the two parties can take part.' };
  if (target.companyRole === 'admin' && newRole !== 'admin') {
    return { kind: 'company_admin', message: 'A Company Admin is always admin in their company’s relationships.' };
  }
  return null;
}

const RANK: Record<ParticipantRole, number> = { viewer: 0, member: 1, admin: 2 };

export function atLeast(role: ParticipantRole | null, min: ParticipantRole): boolean {
  return role !== null && RANK[role] >= RANK[min];
}
