/**
 * Who takes part in a relationship, and as what: pure functions over plain records, failing
 * closed (an unknown case is "no role").
 *
 * CONTRACT 2: Company Admins of either party are `admin` in all their company's relationships,
 * whatever is stored; everyone else needs an explicit participant record, and only people of
 * one of the two parties count (a stale record for someone who changed company gives nothing).
 * A deactivated person has no role anywhere. Until the partner accepted (status `pending` or
 * `declined`) only the owner's Company Admins see the relationship.
 */
import type { CompanyRole, Participant, ParticipantRole, PublicUser, Relationship } from './types.ts';

type Person = Pick<PublicUser, 'id' | 'companyId' | 'companyRole'> & { deactivatedAt?: string | null };

export function isParty(rel: Relationship, companyId: string): boolean {
  return rel.partyIds.includes(companyId);
}

export function effectiveRole(
  rel: Relationship,
  user: Person,
  stored: Participant | undefined,
): ParticipantRole | null {
  if (user.deactivatedAt) return null;
  if (!isActive(rel)) return isCompanyAdminOf(user, rel.ownerCompanyId) ? 'admin' : null;
  if (!isParty(rel, user.companyId)) return null;
  if (user.companyRole === 'admin') return 'admin';
  if (!stored || stored.relationshipId !== rel.id || stored.userId !== user.id) return null;
  return stored.role === 'admin' || stored.role === 'member' || stored.role === 'viewer' ? stored.role : null;
}

export function isCompanyAdminOf(user: Person, companyId: string): boolean {
  return user.companyRole === 'admin' && user.companyId === companyId && !user.deactivatedAt;
}

/** Both parties agreed (records from before invitations have no status and are active). */
export function isActive(rel: Relationship): boolean {
  return (rel.status ?? 'active') === 'active';
}

export function isArchived(rel: Relationship): boolean {
  return Boolean(rel.archivedAt);
}

/**
 * Why a team change is refused, or null when allowed. Each company manages its own people on a
 * relationship's team (CONTRACT 6): the actor's company must be the target's. A Company Admin's
 * role is fixed to admin in their company's relationships (CONTRACT 2), so it cannot be lowered
 * or removed here.
 */
export function teamChangeRefusal(
  rel: Relationship,
  actor: { companyId: string },
  target: { companyId: string; companyRole: CompanyRole; deactivatedAt?: string | null },
  newRole: ParticipantRole | null,
): { kind: 'not_a_party' | 'other_company' | 'company_admin' | 'deactivated'; message: string } | null {
  if (!isParty(rel, target.companyId))
    return { kind: 'not_a_party', message: 'Only people of the two parties can take part.' };
  if (target.companyId !== actor.companyId) {
    return {
      kind: 'other_company',
      message: 'Each company manages its own people on the team; ask an admin of the other company.',
    };
  }
  if (target.deactivatedAt && newRole !== null)
    return { kind: 'deactivated', message: 'This person was deactivated by their company.' };
  if (target.companyRole === 'admin' && newRole !== 'admin') {
    return { kind: 'company_admin', message: 'A Company Admin is always admin in their company’s relationships.' };
  }
  return null;
}

const RANK: Record<ParticipantRole, number> = { viewer: 0, member: 1, admin: 2 };

export function atLeast(role: ParticipantRole | null, min: ParticipantRole): boolean {
  return role !== null && RANK[role] >= RANK[min];
}
