/**
 * Changing one's password, and resetting it by link: e-mailed on request when SMTP_URL is set,
 * or issued by a Company Admin for someone of their company (shown to the admin to pass on).
 *
 * What must stay true:
 * - A reset request answers the same, after the same work, whether or not the address has an
 *   account: one scrypt either way, and the token and e-mail are made after the answer is decided,
 *   never awaited by it (no account enumeration by content or by timing).
 * - A reset link works once, for one hour; only its hash is stored; a new password voids every
 *   other reset link of the person and ends their other sessions (4401 on their sockets).
 */
import type { InvitationLink } from '../../shared/apiTypes.ts';
import { ErrorCode } from '../../shared/closeCodes.ts';
import { passwordProblem } from '../../shared/passwordRule.ts';
import { passwordResetMail } from '../mail/messages.ts';
import { denied, gone, invalid, missing } from '../errors.ts';
import { SingleFlight, type LinkContext } from './invitations.ts';
import { hashLinkToken, newLinkToken } from './linkTokens.ts';
import { dummyVerify, hashPassword, verifyPassword } from './passwords.ts';
import { isCompanyAdminOf } from './roles.ts';
import type { SessionService } from './sessions.ts';
import { normalizeEmail, type AccountStore } from './store.ts';
import type { ResetToken, User } from './types.ts';

export const RESET_TTL_MS = 60 * 60 * 1000;

export class PasswordChangeService {
  private readonly flight = new SingleFlight();

  constructor(
    private readonly store: AccountStore,
    private readonly sessions: SessionService,
    private readonly ctx: LinkContext,
    private readonly log?: { error(obj: object, msg: string): void },
  ) {}

  /** The signed-in person's own change; every other session of theirs ends. */
  async change(actor: User, keepSessionId: string, current: string, next: string): Promise<void> {
    const fresh = await this.store.getUser(actor.id);
    if (!fresh || !(await verifyPassword(current, fresh.password))) {
      throw invalid('Your current password is not right.', ErrorCode.InvalidCredentials);
    }
    this.checkNew(next, fresh.email);
    await this.store.putUser({ ...fresh, password: await hashPassword(next) });
    await this.voidResetTokens(fresh.id);
    await this.sessions.endAllOf(fresh.id, 'password changed', keepSessionId);
  }

  /** Always resolves the same way; the link goes out in the background when the address is known. */
  async requestReset(email: string): Promise<void> {
    const address = normalizeEmail(email);
    const user = await this.store.getUserByEmail(address);
    const pace = dummyVerify(address);
    if (user && !user.deactivatedAt && this.ctx.mailer.enabled) {
      this.issue(user, null).catch((err) => this.log?.error({ err }, 'password reset link not sent'));
    }
    await pace;
  }

  /** A Company Admin's link for someone of their company (e-mailed too when there is mail). */
  async issueFor(actor: User, companyId: string, userId: string): Promise<InvitationLink> {
    if (!isCompanyAdminOf(actor, companyId))
      throw denied('Only a Company Admin of this company can issue reset links for its people.');
    const target = await this.store.getUser(userId);
    if (!target || target.companyId !== companyId) throw missing('No such person in this company.');
    if (target.deactivatedAt) throw invalid('This person is deactivated; reactivate them first.');
    return this.issue(target, actor.name);
  }

  /** Who the link is for (the page shows the address), or why it does not work. */
  async inspect(token: string): Promise<{ email: string; expiresAt: string }> {
    const { user, record } = await this.usable(token);
    return { email: user.email, expiresAt: new Date(record.expiresAt).toISOString() };
  }

  /** Sets the new password and consumes the link; the caller signs the person in. */
  async complete(token: string, password: string): Promise<User> {
    const tokenHash = hashLinkToken(token);
    return this.flight.run(
      [tokenHash],
      () => gone(ErrorCode.LinkUsed, 'This reset link is being used right now.'),
      async () => {
        const { user, record } = await this.usable(token);
        this.checkNew(password, user.email);
        const next: User = { ...user, password: await hashPassword(password) };
        await this.store.putUser(next);
        await this.store.putResetToken({ ...record, usedAt: this.ctx.now() });
        await this.voidResetTokens(user.id, tokenHash);
        await this.sessions.endAllOf(user.id, 'password reset');
        return next;
      },
    );
  }

  private async issue(user: User, issuedBy: string | null): Promise<InvitationLink> {
    const { token, hash } = newLinkToken();
    const now = this.ctx.now();
    const record: ResetToken = {
      tokenHash: hash,
      userId: user.id,
      createdAt: now,
      expiresAt: now + RESET_TTL_MS,
      usedAt: null,
    };
    await this.store.putResetToken(record);
    const link = `${this.ctx.publicUrl()}/reset/${token}`;
    const expiresAt = new Date(record.expiresAt);
    const emailed = this.ctx.mailer.enabled
      ? await this.ctx.mailer.send(passwordResetMail({ to: user.email, issuedBy, link, expiresAt }))
      : false;
    return { id: hash.slice(0, 12), link, expiresAt: expiresAt.toISOString(), emailed };
  }

  private async usable(token: string): Promise<{ user: User; record: ResetToken }> {
    const record = await this.store.getResetToken(hashLinkToken(token));
    if (!record) throw missing('This reset link is not valid. Check that it was copied whole, or ask for a new one.');
    if (record.usedAt !== null)
      throw gone(ErrorCode.LinkUsed, 'This reset link was already used. Ask for a new one if you need it.');
    if (record.expiresAt <= this.ctx.now())
      throw gone(ErrorCode.LinkExpired, 'This reset link has expired (links last one hour). Ask for a new one.');
    const user = await this.store.getUser(record.userId);
    if (!user || user.deactivatedAt)
      throw gone(ErrorCode.LinkRevoked, 'This account can no longer sign in. Ask a Company Admin of your company.');
    return { user, record };
  }

  private checkNew(password: string, email: string): void {
    const problem = passwordProblem(password, email);
    if (problem) throw invalid(problem, ErrorCode.WeakPassword);
  }

  /** Other reset links of the person stop working once a new password is set. */
  private async voidResetTokens(userId: string, keepHash?: string): Promise<void> {
    for (const t of await this.store.resetTokensOfUser(userId)) {
      if (t.tokenHash !== keepHash) await this.store.deleteResetToken(t.tokenHash);
    }
  }
}
