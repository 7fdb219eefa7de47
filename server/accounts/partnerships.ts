/**
 * A relationship's life between two companies: a Company Admin starts it by naming it and
 * inviting the partner's admin; the partner accepts (signed in, when their company is on Charter;
 * from the link otherwise, see invitations.ts) or declines; the owner's admins rename and archive it.
 *
 * What must stay true:
 * - The starting company is the owner (CONTRACT 2, 8).
 * - Until accepted, only the owner's Company Admins see the relationship (roles.ts).
 * - The answer to starting one is the same whether or not the partner address is on Charter.
 * - Archived: every open sync connection reads only (viewer), and new ones too (syncAuth.ts).
 */
import type { IncomingRelationshipInvitation, InvitationLink, RelationshipView } from '../../shared/apiTypes.ts';
import { ErrorCode } from '../../shared/closeCodes.ts';
import { newId } from '../../shared/schema.ts';
import { clash, denied, invalid, missing } from '../errors.ts';
import { checkEmail, checkName, type InvitationService } from './invitations.ts';
import { isActive, isArchived, isCompanyAdminOf } from './roles.ts';
import type { RelationshipService } from './relationships.ts';
import type { AccountStore } from './store.ts';
import type { PlanDocuments, Relationship, User } from './types.ts';

export class PartnershipService {
  constructor(
    private readonly store: AccountStore,
    private readonly relationships: RelationshipService,
    private readonly invitations: InvitationService,
    private readonly docs: PlanDocuments,
    private readonly now: () => number,
  ) {}

  async start(actor: User, name: string, partnerEmail: string): Promise<{ id: string; invitation: InvitationLink }> {
    if (actor.companyRole !== 'admin' || actor.deactivatedAt)
      throw denied('Only a Company Admin can start a relationship.');
    const relName = checkName(name, 'The relationship name');
    const email = checkEmail(partnerEmail);
    const partner = await this.store.getUserByEmail(email);
    // The people of one's own company are no partner; saying so reveals nothing outside it.
    if (partner?.companyId === actor.companyId)
      throw invalid('Invite an admin of the partner company, not someone of yours.');
    const rel: Relationship = {
      id: newId('rel'),
      name: relName,
      ownerCompanyId: actor.companyId,
      // A known partner's company is recorded now, so its admins find the invitation in the app.
      partyIds: [actor.companyId, partner && !partner.deactivatedAt ? partner.companyId : ''],
      configuredAt: null,
      status: 'pending',
      partnerEmail: email,
      archivedAt: null,
    };
    await this.store.putRelationship(rel);
    const invitation = await this.invitations.issueForRelationship(actor, rel, email);
    await this.store.putRelationship({ ...rel, invitationId: invitation.id });
    return { id: rel.id, invitation };
  }

  /** Pending relationships whose partner is the actor's company, for its Company Admins. */
  async incoming(actor: User): Promise<IncomingRelationshipInvitation[]> {
    if (!isCompanyAdminOf(actor, actor.companyId)) return [];
    const out: IncomingRelationshipInvitation[] = [];
    for (const rel of await this.store.relationshipsOfCompany(actor.companyId)) {
      if (rel.status !== 'pending' || rel.partyIds[1] !== actor.companyId) continue;
      const inv = rel.invitationId ? await this.store.getInvitation(rel.invitationId) : undefined;
      if (!inv || inv.status !== 'pending' || inv.expiresAt <= this.now()) continue;
      const owner = await this.store.getCompany(rel.ownerCompanyId);
      out.push({
        relationshipId: rel.id,
        name: rel.name,
        ownerCompany: { id: rel.ownerCompanyId, name: owner?.name ?? rel.ownerCompanyId },
        invitedBy: inv.invitedBy?.name ?? null,
        expiresAt: new Date(inv.expiresAt).toISOString(),
      });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  async accept(actor: User, relationshipId: string): Promise<RelationshipView> {
    const rel = await this.pendingFor(actor, relationshipId);
    const active: Relationship = { ...rel, status: 'active' };
    await this.store.putRelationship(active);
    await this.invitations.closeForRelationship(rel, 'accepted');
    return this.relationships.view(active, 'admin');
  }

  /**
   * A signed-in Company Admin accepting from the link itself: the link must invite their company
   * (403 `wrong_company` otherwise, e.g. signed in as someone of another company).
   */
  async acceptByLink(actor: User, token: string): Promise<RelationshipView> {
    const inv = await this.invitations.usable(token);
    const rel = inv.relationshipId ? await this.store.getRelationship(inv.relationshipId) : undefined;
    if (inv.kind !== 'relationship' || !rel || !rel.partyIds[1])
      throw invalid('This invitation is accepted by creating an account, not signed in.');
    if (rel.partyIds[1] !== actor.companyId || !isCompanyAdminOf(actor, actor.companyId)) {
      throw denied(
        'This invitation is for another company: sign in as a Company Admin of the invited company.',
        ErrorCode.WrongCompany,
      );
    }
    return this.accept(actor, rel.id);
  }

  async decline(actor: User, relationshipId: string): Promise<void> {
    const rel = await this.pendingFor(actor, relationshipId);
    await this.store.putRelationship({ ...rel, status: 'declined' });
    await this.invitations.closeForRelationship(rel, 'declined');
  }

  /** Rename and archive or unarchive; Company Admins of the owner only. */
  async update(
    actor: User,
    relationshipId: string,
    change: { name?: string; archived?: boolean },
  ): Promise<RelationshipView> {
    const rel = await this.store.getRelationship(relationshipId);
    const role = rel ? await this.relationships.roleOf(rel, actor) : null;
    if (!rel || !role) throw missing(`No relationship "${relationshipId}".`);
    if (!isCompanyAdminOf(actor, rel.ownerCompanyId))
      throw denied('Only a Company Admin of the owner company can rename or archive this relationship.');
    if (change.name === undefined && change.archived === undefined)
      throw invalid('Send a new name, archived, or both.');
    const next: Relationship = { ...rel };
    if (change.name !== undefined) next.name = checkName(change.name, 'The relationship name');
    if (change.archived !== undefined) {
      if (change.archived && !isActive(rel))
        throw clash(ErrorCode.RelationshipPending, 'Only an accepted relationship can be archived.');
      next.archivedAt = change.archived ? (rel.archivedAt ?? new Date(this.now()).toISOString()) : null;
    }
    await this.store.putRelationship(next);
    if (isArchived(next) !== isArchived(rel)) {
      // Open sockets switch at once: read-only while archived, their own role again after.
      this.docs.setArchived(next.id, isArchived(next));
      for (const m of await this.relationships.teamOf(next)) {
        if (!m.deactivated) this.docs.setRole(next.id, m.userId, isArchived(next) ? 'viewer' : m.role);
      }
    }
    return this.relationships.view(next, role);
  }

  /** A relationship inviting the actor's company, for a Company Admin of it; 404 otherwise. */
  private async pendingFor(actor: User, relationshipId: string): Promise<Relationship> {
    const rel = await this.store.getRelationship(relationshipId);
    // Anyone else learns nothing about it, not even that it exists.
    if (!rel || rel.status !== 'pending' || rel.partyIds[1] !== actor.companyId)
      throw missing(`No relationship "${relationshipId}".`);
    if (!isCompanyAdminOf(actor, actor.companyId)) throw missing(`No relationship "${relationshipId}".`);
    const inv = rel.invitationId ? await this.store.getInvitation(rel.invitationId) : undefined;
    if (!inv || inv.status !== 'pending' || inv.expiresAt <= this.now())
      throw missing(`No relationship "${relationshipId}".`);
    return rel;
  }
}
