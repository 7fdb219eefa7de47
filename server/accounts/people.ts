/**
 * A company's people as its Company Admins manage them: company roles, deactivation.
 *
 * What must stay true:
 * - Only a Company Admin of the same company changes anyone (tenant isolation); another
 *   company's person answers 404, like an unknown id.
 * - A company always keeps one active Company Admin: the last one cannot be demoted or
 *   deactivated, and nobody deactivates themselves.
 * - Deactivation takes effect at once: sessions end, sync sockets and event streams close with
 *   4401, the next sign-in is refused; the record stays, so authored content keeps its name.
 * - A company role change reaches open sockets at once (a Company Admin is admin everywhere).
 */
import type { CompanyUser } from '../../shared/apiTypes.ts';
import { CloseCode, ErrorCode } from '../../shared/closeCodes.ts';
import { clash, denied, missing } from '../errors.ts';
import { effectiveRole, isCompanyAdminOf } from './roles.ts';
import { syncRole } from './relationships.ts';
import type { SessionService } from './sessions.ts';
import type { AccountStore } from './store.ts';
import type { CompanyRole, PlanDocuments, User } from './types.ts';

export function companyUserView(u: User): CompanyUser {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    companyId: u.companyId,
    companyRole: u.companyRole,
    deactivatedAt: u.deactivatedAt ?? null,
  };
}

export class PeopleService {
  constructor(
    private readonly store: AccountStore,
    private readonly sessions: SessionService,
    private readonly docs: PlanDocuments,
    private readonly now: () => number,
  ) {}

  async setCompanyRole(actor: User, companyId: string, userId: string, role: CompanyRole): Promise<CompanyUser> {
    const target = await this.colleague(actor, companyId, userId);
    if (target.deactivatedAt) throw clash(ErrorCode.Conflict, 'Reactivate this person before changing their role.');
    if (target.companyRole === role) return companyUserView(target);
    if (role === 'member') await this.keepOneAdmin(companyId, target, 'demote');
    const next: User = { ...target, companyRole: role };
    await this.store.putUser(next);
    await this.applyRoles(next);
    return companyUserView(next);
  }

  async deactivate(actor: User, companyId: string, userId: string): Promise<CompanyUser> {
    const target = await this.colleague(actor, companyId, userId);
    if (target.id === actor.id)
      throw clash(ErrorCode.Conflict, 'You cannot deactivate yourself; ask another Company Admin.');
    if (target.deactivatedAt) return companyUserView(target);
    if (target.companyRole === 'admin') await this.keepOneAdmin(companyId, target, 'deactivate');
    const next: User = { ...target, deactivatedAt: new Date(this.now()).toISOString() };
    // Stored first: a request racing this one resolves its session against the new record.
    await this.store.putUser(next);
    await this.sessions.endAllOf(target.id, 'user deactivated');
    this.docs.closeConnections((ctx) => ctx.user.id === target.id, CloseCode.SessionEnded, 'user deactivated');
    for (const t of await this.store.resetTokensOfUser(target.id)) await this.store.deleteResetToken(t.tokenHash);
    return companyUserView(next);
  }

  async reactivate(actor: User, companyId: string, userId: string): Promise<CompanyUser> {
    const target = await this.colleague(actor, companyId, userId);
    if (!target.deactivatedAt) return companyUserView(target);
    const next: User = { ...target, deactivatedAt: null };
    await this.store.putUser(next);
    return companyUserView(next);
  }

  /** A person of the actor's own company, for a Company Admin of it. */
  private async colleague(actor: User, companyId: string, userId: string): Promise<User> {
    if (!isCompanyAdminOf(actor, companyId))
      throw denied('Only a Company Admin of this company can manage its people.');
    const target = await this.store.getUser(userId);
    if (!target || target.companyId !== companyId) throw missing('No such person in this company.');
    return target;
  }

  private async keepOneAdmin(companyId: string, target: User, what: 'demote' | 'deactivate'): Promise<void> {
    const others = (await this.store.adminsOfCompany(companyId)).filter((u) => u.id !== target.id && !u.deactivatedAt);
    if (others.length === 0) {
      throw clash(
        ErrorCode.Conflict,
        `A company needs an active Company Admin: make someone else admin before you ${what} ${target.name}.`,
      );
    }
  }

  /** Open sockets of the person follow their new company role in every relationship. */
  private async applyRoles(user: User): Promise<void> {
    for (const rel of await this.store.relationshipsOfCompany(user.companyId)) {
      const role = effectiveRole(rel, user, await this.store.getParticipant(rel.id, user.id));
      this.docs.setRole(rel.id, user.id, role === null ? null : syncRole(rel, role));
    }
  }
}
