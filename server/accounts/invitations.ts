/**
 * Invitation links (CONTRACT 8): a company's first admin (the operator's command), people a
 * Company Admin invites to their company, and the partner company of a new relationship.
 *
 * What must stay true:
 * - A link works once, for 7 days, and only its token's hash is stored (linkTokens.ts).
 * - Accepting creates exactly the person the invitation names: its e-mail, its company, its role;
 *   nothing in the request body can choose another company or address.
 * - The inviter learns nothing about whether the address is already on Charter: the answer is
 *   always "invited" (the person holding the link is the one told, when they accept).
 * - Two acceptances of one link, or of two links for one address, never both succeed.
 */
import { ErrorCode } from '../../shared/closeCodes.ts';
import { newId } from '../../shared/schema.ts';
import { passwordProblem } from '../../shared/passwordRule.ts';
import type { InvitationInfo, InvitationLink, PendingInvitation } from '../../shared/apiTypes.ts';
import type { Mailer } from '../mail/mailer.ts';
import { companyInvitationMail, relationshipInvitationMail } from '../mail/messages.ts';
import { clash, denied, gone, invalid, missing } from '../errors.ts';
import { hashLinkToken, newLinkToken } from './linkTokens.ts';
import { hashPassword } from './passwords.ts';
import { isCompanyAdminOf } from './roles.ts';
import { normalizeEmail, type AccountStore } from './store.ts';
import type { Company, CompanyRole, Invitation, Relationship, User } from './types.ts';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface LinkContext {
  /** PUBLIC_URL, resolved once the server listens. */
  publicUrl(): string;
  mailer: Mailer;
  now: () => number;
}

export interface AcceptInput {
  name: string;
  password: string;
  companyName?: string;
}

/** Refuses a second concurrent use of the same key (a token hash, an e-mail address). */
export class SingleFlight {
  private readonly busy = new Set<string>();

  async run<T>(keys: string[], onBusy: () => Error, work: () => Promise<T>): Promise<T> {
    if (keys.some((k) => this.busy.has(k))) throw onBusy();
    keys.forEach((k) => this.busy.add(k));
    try {
      return await work();
    } finally {
      keys.forEach((k) => this.busy.delete(k));
    }
  }
}

/** `acme-retail-3f9a1c`: readable in URLs and logs, unique by its random tail. */
export function companyIdFor(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${slug || 'company'}-${newId('x').slice(2, 8)}`;
}

export function checkName(name: string, what = 'Your name'): string {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (!clean) throw invalid(`${what} cannot be empty.`);
  if (clean.length > 120) throw invalid(`${what} is longer than 120 characters.`);
  return clean;
}

export function checkEmail(email: string): string {
  const clean = normalizeEmail(email);
  // Deliberately loose: one @, something on both sides, a dot in the domain, no spaces.
  if (clean.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(clean)) throw invalid('That is not an e-mail address.');
  return clean;
}

function checkPassword(password: string, email: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw invalid(problem, ErrorCode.WeakPassword);
}

export class InvitationService {
  private readonly flight = new SingleFlight();

  constructor(
    private readonly store: AccountStore,
    private readonly ctx: LinkContext,
  ) {}

  link(token: string): string {
    return `${this.ctx.publicUrl()}/invite/${token}`;
  }

  // --- issuing ------------------------------------------------------------------------------

  /** The operator's command: a new company and its first Company Admin's invitation. */
  async createCompany(
    name: string,
    adminEmail: string,
    adminName?: string,
  ): Promise<{ company: Company; invitation: InvitationLink }> {
    const company: Company = {
      id: companyIdFor(checkName(name, 'The company name')),
      name: checkName(name, 'The company name'),
    };
    const email = checkEmail(adminEmail);
    await this.store.putCompany(company);
    const invitation = await this.issue({
      kind: 'company',
      email,
      companyId: company.id,
      role: 'admin',
      relationshipId: null,
      invitedBy: null,
      suggestedName: adminName?.trim() || undefined,
    });
    return { company, invitation };
  }

  /** A Company Admin invites someone to their own company. */
  async inviteToCompany(actor: User, companyId: string, email: string, role: CompanyRole): Promise<InvitationLink> {
    if (!isCompanyAdminOf(actor, companyId))
      throw denied('Only a Company Admin of this company can invite people to it.');
    const address = checkEmail(email);
    // A newer invitation replaces a pending one for the same address: one working link each.
    for (const inv of await this.store.invitationsOfCompany(companyId)) {
      if (inv.kind === 'company' && inv.status === 'pending' && inv.email === address) await this.close(inv, 'revoked');
    }
    return this.issue({
      kind: 'company',
      email: address,
      companyId,
      role,
      relationshipId: null,
      invitedBy: { userId: actor.id, name: actor.name },
    });
  }

  /** The partner invitation of a relationship the actor's company starts (partnerships.ts). */
  issueForRelationship(actor: User, rel: Relationship, email: string): Promise<InvitationLink> {
    return this.issue({
      kind: 'relationship',
      email,
      companyId: rel.ownerCompanyId,
      role: 'admin',
      relationshipId: rel.id,
      invitedBy: { userId: actor.id, name: actor.name },
    });
  }

  async listPending(actor: User, companyId: string): Promise<PendingInvitation[]> {
    if (!isCompanyAdminOf(actor, companyId))
      throw denied('Only a Company Admin of this company can see its invitations.');
    const now = this.ctx.now();
    return (await this.store.invitationsOfCompany(companyId))
      .filter((inv) => inv.status === 'pending')
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((inv) => ({
        id: inv.id,
        kind: inv.kind,
        email: inv.email,
        role: inv.role,
        relationshipId: inv.relationshipId,
        invitedBy: inv.invitedBy?.name ?? null,
        createdAt: new Date(inv.createdAt).toISOString(),
        expiresAt: new Date(inv.expiresAt).toISOString(),
        expired: inv.expiresAt <= now,
      }));
  }

  async revoke(actor: User, companyId: string, invitationId: string): Promise<void> {
    const inv = await this.ownPending(actor, companyId, invitationId);
    await this.close(inv, 'revoked');
  }

  /** A new link (the old one stops working), a fresh expiry, and the e-mail again. */
  async resend(actor: User, companyId: string, invitationId: string): Promise<InvitationLink> {
    const inv = await this.ownPending(actor, companyId, invitationId);
    const { token, hash } = newLinkToken();
    const now = this.ctx.now();
    const next: Invitation = { ...inv, tokenHash: hash, createdAt: now, expiresAt: now + INVITATION_TTL_MS };
    await this.store.putInvitation(next);
    return this.deliver(next, token);
  }

  // --- the link holder ----------------------------------------------------------------------

  /** What the invitation page shows; 404 unknown, 410 used, revoked or expired. */
  async inspect(token: string): Promise<InvitationInfo> {
    const inv = await this.usable(token);
    const company = await this.store.getCompany(inv.companyId);
    const rel = inv.relationshipId ? await this.store.getRelationship(inv.relationshipId) : undefined;
    return {
      kind: inv.kind,
      email: inv.email,
      companyName: company?.name ?? inv.companyId,
      ...(rel ? { relationshipName: rel.name, partnerOnCharter: Boolean(rel.partyIds[1]) } : {}),
      ...(inv.kind === 'company' ? { role: inv.role } : {}),
      ...(inv.suggestedName ? { name: inv.suggestedName } : {}),
      invitedBy: inv.invitedBy?.name ?? null,
      expiresAt: new Date(inv.expiresAt).toISOString(),
    };
  }

  /**
   * Creates the person the invitation names (and, for a relationship invitation to a company not
   * on Charter, their company, of which they are the first Company Admin) and consumes the link.
   */
  async accept(token: string, input: AcceptInput): Promise<User> {
    const tokenHash = hashLinkToken(token);
    const first = await this.usable(token);
    return this.flight.run(
      [`t:${tokenHash}`, `e:${first.email}`],
      () => gone(ErrorCode.LinkUsed, 'This invitation is being used right now.'),
      async () => {
        const inv = await this.usable(token); // again, inside the flight: it may have been used meanwhile
        const name = checkName(input.name);
        checkPassword(input.password, inv.email);
        let companyId = inv.companyId;
        let role = inv.role;
        let rel: Relationship | undefined;
        if (inv.kind === 'relationship') {
          rel = inv.relationshipId ? await this.store.getRelationship(inv.relationshipId) : undefined;
          if (!rel || rel.status !== 'pending' || rel.invitationId !== inv.id)
            throw gone(ErrorCode.LinkRevoked, 'This relationship invitation was withdrawn.');
          if (rel.partyIds[1])
            throw clash(
              ErrorCode.SignInToAccept,
              'Your company is already on Charter: a Company Admin accepts this relationship after signing in.',
            );
        }
        if (await this.store.getUserByEmail(inv.email)) {
          throw clash(
            ErrorCode.EmailInUse,
            `${inv.email} already has a Charter account. Sign in instead, or ask for an invitation at another address.`,
          );
        }
        if (rel) {
          if (!input.companyName) throw invalid('Name your company: it joins Charter with you as its Company Admin.');
          const companyName = checkName(input.companyName, 'The company name');
          const company: Company = { id: companyIdFor(companyName), name: companyName };
          await this.store.putCompany(company);
          companyId = company.id;
          role = 'admin';
        } else if (input.companyName !== undefined) {
          throw invalid('A company invitation joins an existing company: leave out companyName.');
        }
        const user: User = {
          id: newId('u'),
          email: inv.email,
          name,
          companyId,
          companyRole: role,
          password: await hashPassword(input.password),
          deactivatedAt: null,
        };
        await this.store.putUser(user);
        if (rel)
          await this.store.putRelationship({ ...rel, partyIds: [rel.ownerCompanyId, companyId], status: 'active' });
        await this.close(inv, 'accepted');
        return user;
      },
    );
  }

  /** The relationship's pending invitation, closed as accepted or declined (partnerships.ts). */
  async closeForRelationship(rel: Relationship, status: 'accepted' | 'declined'): Promise<void> {
    const inv = rel.invitationId ? await this.store.getInvitation(rel.invitationId) : undefined;
    if (inv && inv.status === 'pending') await this.close(inv, status);
  }

  // --- internals ----------------------------------------------------------------------------

  private async issue(
    fields: Pick<Invitation, 'kind' | 'email' | 'companyId' | 'role' | 'relationshipId' | 'invitedBy'> & {
      suggestedName?: string;
    },
  ): Promise<InvitationLink> {
    const { token, hash } = newLinkToken();
    const now = this.ctx.now();
    const inv: Invitation = {
      id: newId('inv'),
      tokenHash: hash,
      ...fields,
      createdAt: now,
      expiresAt: now + INVITATION_TTL_MS,
      status: 'pending',
      closedAt: null,
    };
    await this.store.putInvitation(inv);
    return this.deliver(inv, token);
  }

  private async deliver(inv: Invitation, token: string): Promise<InvitationLink> {
    const link = this.link(token);
    const expiresAt = new Date(inv.expiresAt);
    let emailed = false;
    if (this.ctx.mailer.enabled) {
      const company = await this.store.getCompany(inv.companyId);
      const companyName = company?.name ?? inv.companyId;
      const invitedBy = inv.invitedBy?.name ?? null;
      if (inv.kind === 'company') {
        emailed = await this.ctx.mailer.send(
          companyInvitationMail({ to: inv.email, companyName, invitedBy, role: inv.role, link, expiresAt }),
        );
      } else {
        const rel = inv.relationshipId ? await this.store.getRelationship(inv.relationshipId) : undefined;
        emailed = await this.ctx.mailer.send(
          relationshipInvitationMail({
            to: inv.email,
            companyName,
            relationshipName: rel?.name ?? 'a relationship',
            invitedBy,
            link,
            expiresAt,
          }),
        );
      }
    }
    return { id: inv.id, link, expiresAt: expiresAt.toISOString(), emailed };
  }

  private async close(inv: Invitation, status: 'accepted' | 'revoked' | 'declined'): Promise<void> {
    await this.store.putInvitation({ ...inv, status, closedAt: this.ctx.now() });
  }

  /** The pending invitation behind a token, or the error that explains why it does not work. */
  async usable(token: string): Promise<Invitation> {
    const inv = await this.store.getInvitationByTokenHash(hashLinkToken(token));
    if (!inv) throw missing('This invitation link is not valid. Check that it was copied whole, or ask for a new one.');
    if (inv.status === 'accepted') throw gone(ErrorCode.LinkUsed, 'This invitation was already used. Sign in instead.');
    if (inv.status === 'revoked')
      throw gone(ErrorCode.LinkRevoked, 'This invitation was revoked. Ask whoever invited you for a new one.');
    if (inv.status === 'declined') throw gone(ErrorCode.LinkRevoked, 'This invitation was declined.');
    if (inv.expiresAt <= this.ctx.now())
      throw gone(ErrorCode.LinkExpired, 'This invitation has expired. Ask whoever invited you to send it again.');
    return inv;
  }

  private async ownPending(actor: User, companyId: string, invitationId: string): Promise<Invitation> {
    if (!isCompanyAdminOf(actor, companyId))
      throw denied('Only a Company Admin of this company can manage its invitations.');
    const inv = await this.store.getInvitation(invitationId);
    // Another company's invitation answers like an unknown one: ids are not a way to probe.
    if (!inv || inv.companyId !== companyId) throw missing('No such invitation.');
    if (inv.status !== 'pending')
      throw gone(
        inv.status === 'accepted' ? ErrorCode.LinkUsed : ErrorCode.LinkRevoked,
        `This invitation was already ${inv.status}.`,
      );
    return inv;
  }
}
