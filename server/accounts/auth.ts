/**
 * Signing in and out, and the signed-in user as the API shows them.
 *
 * What must stay true: an unknown email and a wrong password give the same answer after the same
 * work (one scrypt each); nothing returned from here carries password material.
 */
import { ErrorCode } from '../../shared/closeCodes.ts';
import { personColor } from '../../shared/presence.ts';
import { denied, tooMany, unauthenticated } from '../errors.ts';
import type { LoginLimiter } from './loginLimiter.ts';
import { dummyVerify, verifyPassword } from './passwords.ts';
import type { SessionService } from './sessions.ts';
import { normalizeEmail, type AccountStore } from './store.ts';
import type { Me } from '../../shared/apiTypes.ts';
import type { User } from './types.ts';

/** What GET /api/me answers (shared/apiTypes.ts). */
export type MeView = Me;

export class AuthService {
  constructor(
    private readonly store: AccountStore,
    private readonly sessions: SessionService,
    private readonly limiter: LoginLimiter,
  ) {}

  async login(email: string, password: string, ip: string): Promise<{ token: string; user: User }> {
    const key = normalizeEmail(email);
    const wait = this.limiter.retryAfterSeconds(key, ip);
    if (wait > 0) {
      throw tooMany(wait, 'Too many failed sign-in attempts. Try again later.');
    }
    const user = await this.store.getUserByEmail(key);
    const ok = user ? await verifyPassword(password, user.password) : await dummyVerify(password);
    if (!user || !ok) {
      this.limiter.recordFailure(key, ip);
      throw unauthenticated('Email or password is incorrect.', ErrorCode.InvalidCredentials);
    }
    this.limiter.recordSuccess(key);
    // Said only after the right password: the person learns why, a guesser learns nothing.
    if (user.deactivatedAt) {
      throw denied(
        'Your company deactivated this account. Ask one of its Company Admins.',
        ErrorCode.AccountDeactivated,
      );
    }
    const { token } = await this.sessions.create(user.id);
    return { token, user };
  }

  async me(user: User): Promise<MeView> {
    const company = await this.store.getCompany(user.companyId);
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      companyId: user.companyId,
      companyRole: user.companyRole,
      companyName: company?.name ?? user.companyId,
      color: personColor(
        user.id,
        (await this.store.usersOfCompany(user.companyId)).map((u) => u.id),
      ),
    };
  }
}
