/**
 * The accounts layer as the app sees it: `createAccounts` wires storage, sessions and the
 * services over the app's one LevelDB and the sync layer's document registry.
 *
 * The app (server/app.ts) calls, in order: `createAccounts`, `seedIfEmpty`, hands `api` to the
 * /api routes and `authorizeSync` to the sync route, and calls `close` on shutdown (before
 * closing the db).
 */
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { SyncAuthResult } from '../sync/types.ts';
import { AuthService } from './auth.ts';
import { primeDummyHash } from './passwords.ts';
import { DEFAULT_LIMITS, LoginLimiter, type LimiterOptions } from './loginLimiter.ts';
import { PlanService } from './plans.ts';
import { RelationshipService } from './relationships.ts';
import { seedDemo } from './seed.ts';
import { SessionService } from './sessions.ts';
import type { AccountStore } from './store.ts';
import { authorizeSync } from './syncAuth.ts';
import type { PlanDocuments } from './types.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';
import { InvitationService } from './invitations.ts';
import { PartnershipService } from './partnerships.ts';
import { PeopleService } from './people.ts';
import { PasswordChangeService } from './passwordChanges.ts';
import { AttemptLimiter } from './rateLimiter.ts';
import { DEFAULT_LINK_LIMITS, type LinkLimits } from './linkLimits.ts';
import type { InvitationLink } from '../../shared/apiTypes.ts';

export type { PlanDocuments } from './types.ts';
export { SESSION_COOKIE } from './sessions.ts';
export { DEMO_PASSWORD } from './seed.ts';

export interface Accounts {
  /** The services the /api routes call (server/http/routes.ts). */
  readonly api: AccountServices;
  /** CONTRACT 5 checks before the websocket upgrade: origin, session, relationship, role, plan. */
  authorizeSync: (request: FastifyRequest, relationshipId: string) => Promise<SyncAuthResult>;
  /** CONTRACT 3 demo data, when config.SEED is 'demo' and the accounts store is empty. */
  seedIfEmpty(): Promise<void>;
  /**
   * The operator's `create-company` (CONTRACT 8): a company and its first admin's invitation.
   * Reached through `npm run admin` only, never through the public API.
   */
  createCompany(
    name: string,
    adminEmail: string,
    adminName?: string,
  ): Promise<{ companyId: string; invitation: InvitationLink }>;
  /** User ids of a relationship's participants now (empty for an unknown relationship). */
  participantIds(relationshipId: string): Promise<ReadonlySet<string>>;
  /** Stops the expired-session sweeper and the mail transport. Does not close the store (the app owns it). */
  close(): Promise<void>;
}

/** The services the /api routes call. */
export interface AccountServices {
  config: Config;
  sessions: SessionService;
  auth: AuthService;
  relationships: RelationshipService;
  plans: PlanService;
  invitations: InvitationService;
  partnerships: PartnershipService;
  people: PeopleService;
  passwords: PasswordChangeService;
  attempts: AttemptLimiter;
  linkLimits: LinkLimits;
  /** True when SMTP_URL is set (links are e-mailed). */
  mailEnabled: boolean;
}

export interface AccountsOptions {
  store: AccountStore;
  config: Config;
  docs: PlanDocuments;
  /** Failed-login limits; tests lower them. */
  limits?: Partial<LimiterOptions>;
  /** Clock for sessions and limits (tests). */
  now?: () => number;
  /** How often expired sessions are deleted and their sockets closed; 0 disables. */
  sweepEveryMs?: number;
  /** Where background failures (the session sweeper, mail) are reported. */
  log?: { error(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /** Invitation, acceptance and reset limits; tests lower them. */
  linkLimits?: Partial<LinkLimits>;
  /**
   * PUBLIC_URL once known: config.PUBLIC_URL, else the listening address (the app passes it);
   * defaults to config.PUBLIC_URL or http://HOST:PORT.
   */
  publicUrl?: () => string;
  /** Replaces the SMTP mailer built from config (never needed by tests: they run a real SMTP server). */
  mailer?: Mailer;
}

export async function createAccounts(opts: AccountsOptions): Promise<Accounts> {
  const { config, docs } = opts;
  const store = opts.store;
  await store.ensureIndexes();
  const sessions = new SessionService(store, docs, { idleMs: config.SESSION_IDLE_MS, now: opts.now });
  const limiter = new LoginLimiter({ ...DEFAULT_LIMITS, ...opts.limits, now: opts.now });
  const auth = new AuthService(store, sessions, limiter);
  const relationships = new RelationshipService(store, docs);
  const plans = new PlanService(store, docs);
  const now = opts.now ?? Date.now;
  const mailer = opts.mailer ?? createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, log: opts.log });
  const publicUrl =
    opts.publicUrl ??
    (() =>
      config.PUBLIC_URL ?? `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${config.PORT}`);
  const links = { publicUrl, mailer, now };
  const invitations = new InvitationService(store, links);
  const partnerships = new PartnershipService(store, relationships, invitations, docs, now);
  const people = new PeopleService(store, sessions, docs, now);
  const passwords = new PasswordChangeService(store, sessions, links, opts.log);
  const attempts = new AttemptLimiter(now);
  const linkLimits = { ...DEFAULT_LINK_LIMITS, ...opts.linkLimits };
  await primeDummyHash();

  const sweepEveryMs = opts.sweepEveryMs ?? Math.min(60_000, config.SESSION_IDLE_MS);
  let sweeping = false;
  const sweeper =
    sweepEveryMs > 0
      ? setInterval(() => {
          if (sweeping) return;
          sweeping = true;
          sessions
            .sweep()
            // Expired reset links (used ones too) only answer 410 for an hour; then they go.
            .then(() => store.deleteExpiredResetTokens(now()))
            .catch((err) => opts.log?.error({ err }, 'session sweep failed'))
            .finally(() => (sweeping = false));
        }, sweepEveryMs)
      : null;
  sweeper?.unref();

  return {
    api: {
      config,
      sessions,
      auth,
      relationships,
      plans,
      invitations,
      partnerships,
      people,
      passwords,
      attempts,
      linkLimits,
      mailEnabled: mailer.enabled,
    },
    async participantIds(relationshipId) {
      const rel = await store.getRelationship(relationshipId);
      if (!rel) return new Set<string>();
      return new Set((await relationships.teamOf(rel)).filter((m) => !m.deactivated).map((m) => m.userId));
    },
    authorizeSync: (request, relationshipId) =>
      authorizeSync(
        { store, sessions, relationships, allowedOrigins: config.ALLOWED_ORIGINS },
        request,
        relationshipId,
      ),
    async seedIfEmpty() {
      if (config.SEED === 'demo' && (await store.isEmpty())) await seedDemo(store, plans);
    },
    async createCompany(name, adminEmail, adminName) {
      const { company, invitation } = await invitations.createCompany(name, adminEmail, adminName);
      return { companyId: company.id, invitation };
    },
    async close() {
      if (sweeper) clearInterval(sweeper);
      mailer.close();
    },
  };
}
