/**
 * Relationships as users see them, and their teams: who takes part, with which role and colour.
 *
 * The team is the one source of presence colours: `teamOf` assigns each person a colour within
 * their side, and the sync authorization stamps the same colour on the connection, so avatars in
 * the team list and cursors in the editor agree.
 */
import { personColors } from '../../shared/presence.ts';
import { ErrorCode } from '../../shared/closeCodes.ts';
import { clash, denied, invalid, missing } from '../errors.ts';
import { atLeast, effectiveRole, isActive, isArchived, isParty, teamChangeRefusal } from './roles.ts';
import type { AccountStore } from './store.ts';
import type { CompanyUser, RelationshipView, TeamMember } from '../../shared/apiTypes.ts';
import type { Company, ParticipantRole, PlanDocuments, PresentUser, Relationship, User } from './types.ts';

export type { CompanyUser, RelationshipView, TeamMember };

export class RelationshipService {
  constructor(
    private readonly store: AccountStore,
    private readonly docs: PlanDocuments,
  ) {}

  async roleOf(rel: Relationship, user: User): Promise<ParticipantRole | null> {
    return effectiveRole(rel, user, await this.store.getParticipant(rel.id, user.id));
  }

  /** The relationship, or 404; then the user's role in it, or 403. */
  async requireRole(user: User, relationshipId: string): Promise<{ rel: Relationship; role: ParticipantRole }> {
    const rel = await this.store.getRelationship(relationshipId);
    if (!rel) throw missing(`No relationship "${relationshipId}".`);
    const role = await this.roleOf(rel, user);
    if (!role) throw denied('You do not take part in this relationship.');
    return { rel, role };
  }

  async view(rel: Relationship, role: ParticipantRole): Promise<RelationshipView> {
    const companies = await Promise.all(
      rel.partyIds.map((id) => (id ? this.store.getCompany(id) : Promise.resolve(undefined))),
    );
    const ownerAdmins = (await this.store.adminsOfCompany(rel.ownerCompanyId))
      .filter((u) => !u.deactivatedAt)
      .map((u) => ({ id: u.id, name: u.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const status = rel.status ?? 'active';
    return {
      id: rel.id,
      name: rel.name,
      ownerCompanyId: rel.ownerCompanyId,
      parties: rel.partyIds.map((id, i) => ({
        id,
        name: companies[i]?.name ?? (id || rel.partnerEmail || 'Invited partner'),
      })),
      myRole: role,
      configured: rel.configuredAt !== null,
      status,
      ...(status !== 'active' && rel.partnerEmail ? { partnerEmail: rel.partnerEmail } : {}),
      archived: isArchived(rel),
      ownerAdmins,
    };
  }

  /** Every relationship the user takes part in, by name. */
  async listFor(user: User): Promise<RelationshipView[]> {
    const ids = new Set(await this.store.relationshipIdsOfUser(user.id));
    if (user.companyRole === 'admin') {
      for (const r of await this.store.relationshipsOfCompany(user.companyId)) ids.add(r.id);
    }
    const views: RelationshipView[] = [];
    for (const id of ids) {
      const rel = await this.store.getRelationship(id);
      const role = rel && (await this.roleOf(rel, user));
      if (rel && role) views.push(await this.view(rel, role));
    }
    return views.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  /**
   * Company Admins of both parties plus everyone with a live participant record, and the people
   * of either party who were deactivated while on the team (flagged, so what they wrote keeps
   * their name and colours do not shift).
   */
  async teamOf(rel: Relationship): Promise<TeamMember[]> {
    const records = await this.store.participantsOf(rel.id);
    const parties = rel.partyIds.filter(Boolean);
    const admins = (await Promise.all(parties.map((c) => this.store.adminsOfCompany(c)))).flat();
    const users = await this.store.getUsers(records.map((p) => p.userId));
    for (const a of admins) users.set(a.id, a);
    const byId = new Map(records.map((p) => [p.userId, p]));
    const companies = new Map<string, Company | undefined>(
      await Promise.all(parties.map(async (c) => [c, await this.store.getCompany(c)] as const)),
    );

    const members: Array<Omit<TeamMember, 'color'>> = [];
    for (const u of users.values()) {
      const role = effectiveRole(rel, { ...u, deactivatedAt: null }, byId.get(u.id));
      if (!role) continue;
      const companyName = companies.get(u.companyId)?.name ?? u.companyId;
      members.push({
        userId: u.id,
        name: u.name,
        email: u.email,
        companyId: u.companyId,
        companyName,
        role,
        ...(u.deactivatedAt ? { deactivated: true } : {}),
      });
    }
    // Each person's one colour (shared/presence.ts): from their company's people, not this team.
    const colors = new Map<string, string>();
    for (const companyId of rel.partyIds) {
      for (const [id, c] of personColors((await this.store.usersOfCompany(companyId)).map((u) => u.id)))
        colors.set(id, c);
    }
    return members
      .map((m) => ({ ...m, color: colors.get(m.userId)! }))
      .sort(
        (a, b) =>
          Number(b.companyId === rel.ownerCompanyId) - Number(a.companyId === rel.ownerCompanyId) ||
          a.name.localeCompare(b.name),
      );
  }

  async readTeam(user: User, relationshipId: string): Promise<TeamMember[]> {
    const { rel } = await this.requireRole(user, relationshipId);
    return this.teamOf(rel);
  }

  /** Who is in the plan right now; any participant may ask (the relationships home shows it). */
  async readPresence(user: User, relationshipId: string): Promise<PresentUser[]> {
    const { rel } = await this.requireRole(user, relationshipId);
    return this.docs.presence(rel.id);
  }

  /** Adds a person of either party or changes their role; applies at once to their open sockets. */
  async setTeamRole(actor: User, relationshipId: string, userId: string, role: ParticipantRole): Promise<TeamMember> {
    const { rel, target } = await this.authorizeTeamChange(actor, relationshipId, userId, role);
    if (target.companyRole !== 'admin') await this.store.putParticipant({ relationshipId: rel.id, userId, role });
    this.docs.setRole(rel.id, userId, syncRole(rel, role));
    const member = (await this.teamOf(rel)).find((m) => m.userId === userId);
    if (!member) throw new Error(`team member ${userId} missing after update`);
    return member;
  }

  /** Removes a participant; their open sockets are closed (4403). */
  async removeFromTeam(actor: User, relationshipId: string, userId: string): Promise<void> {
    const { rel } = await this.authorizeTeamChange(actor, relationshipId, userId, null);
    if (!(await this.store.getParticipant(rel.id, userId)))
      throw missing('That person does not take part in this relationship.');
    await this.store.deleteParticipant(rel.id, userId);
    this.docs.setRole(rel.id, userId, null);
  }

  private async authorizeTeamChange(actor: User, relationshipId: string, userId: string, role: ParticipantRole | null) {
    const { rel, role: actorRole } = await this.requireRole(actor, relationshipId);
    if (!atLeast(actorRole, 'admin')) throw denied('Only relationship admins can change the team.');
    if (!isActive(rel))
      throw clash(ErrorCode.RelationshipPending, 'The partner has not accepted this relationship yet.');
    const target = await this.store.getUser(userId);
    if (!target) throw missing(`No user "${userId}".`);
    const refusal = teamChangeRefusal(rel, actor, target, role);
    if (refusal?.kind === 'not_a_party') throw invalid(refusal.message);
    if (refusal?.kind === 'other_company') throw denied(refusal.message);
    if (refusal) throw clash(ErrorCode.Conflict, refusal.message);
    return { rel, target };
  }

  /**
   * People of a company, for adding them to a team. Visible to that company's Company Admins and
   * to admins of any relationship the company is a party to (who may add its people).
   */
  async companyUsers(actor: User, companyId: string): Promise<CompanyUser[]> {
    if (!(await this.mayListCompany(actor, companyId))) throw denied('You cannot list the people of this company.');
    const users = await this.store.usersOfCompany(companyId);
    return users
      .map((u) => ({
        id: u.id,
        name: u.name,
        email: u.email,
        companyId: u.companyId,
        companyRole: u.companyRole,
        deactivatedAt: u.deactivatedAt ?? null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  private async mayListCompany(actor: User, companyId: string): Promise<boolean> {
    if (actor.companyId === companyId) return actor.companyRole === 'admin';
    for (const rel of await this.store.relationshipsOfCompany(companyId)) {
      if (isParty(rel, actor.companyId) && (await this.roleOf(rel, actor)) === 'admin') return true;
    }
    return false;
  }
}

/** The role a sync connection carries: everyone reads only while the relationship is archived. */
export function syncRole(rel: Relationship, role: ParticipantRole): ParticipantRole {
  return isArchived(rel) ? 'viewer' : role;
}
