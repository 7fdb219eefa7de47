/**
 * What the route modules share: the accounts services, the session cookie, and `requireUser`,
 * the one way a handler learns who is calling.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { AuthService } from '../accounts/auth.ts';
import type { PlanService } from '../accounts/plans.ts';
import type { RelationshipService } from '../accounts/relationships.ts';
import { SESSION_COOKIE, type SessionService } from '../accounts/sessions.ts';
import { sessionTokenFrom } from '../accounts/syncAuth.ts';
import type { User } from '../accounts/types.ts';
import { unauthorized } from './errors.ts';

export interface ApiDeps {
  config: Config;
  sessions: SessionService;
  auth: AuthService;
  relationships: RelationshipService;
  plans: PlanService;
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.COOKIE_SECURE,
    maxAge: Math.floor(config.SESSION_IDLE_MS / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.COOKIE_SECURE });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the /api scope's preValidation hook on every non-public route. */
    currentUser?: User;
  }
  interface FastifyContextConfig {
    /** Routes that answer without a session (login, logout, config). */
    public?: boolean;
  }
}

/**
 * Authenticates before body validation, so a caller without a session learns nothing about the
 * schema (401 before 400). Slides the cookie's lifetime along with the session's.
 */
export function authenticate(deps: ApiDeps) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (request.routeOptions.config?.public || request.is404) return;
    const token = sessionTokenFrom(request);
    const live = await deps.sessions.resolve(token);
    if (!live) throw unauthorized();
    if (live.touched && token) setSessionCookie(reply, deps.config, token);
    request.currentUser = live.user;
  };
}

/** The signed-in user of an authenticated route; fails closed if the hook did not run. */
export function userOf(request: FastifyRequest): User {
  if (!request.currentUser) throw unauthorized();
  return request.currentUser;
}
