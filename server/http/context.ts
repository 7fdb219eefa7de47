/**
 * What the route modules share: the accounts services, the session cookie, and `requireUser`,
 * the one way a handler learns who is calling.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { tooMany, unauthenticated } from '../errors.ts';
import { SESSION_COOKIE } from '../accounts/sessions.ts';
import type { AccountServices } from '../accounts/index.ts';
import type { LinkLimits } from '../accounts/linkLimits.ts';
import type { Config } from '../config.ts';
import { sessionTokenFrom } from '../accounts/syncAuth.ts';
import type { User } from '../accounts/types.ts';

/** The services the routes call: the accounts layer builds them (server/accounts/index.ts). */
export type ApiDeps = AccountServices;

/** Counts one attempt of `kind` for `key`; 429 with Retry-After once over the limit. */
export function takeAttempt(deps: ApiDeps, kind: keyof LinkLimits, key: string): void {
  const wait = deps.attempts.take(`${kind}:${key}`, deps.linkLimits[kind]);
  if (wait > 0) throw tooMany(wait);
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
    /** The session's id (the token's hash), alongside `currentUser`. */
    currentSessionId?: string;
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
    if (!live) throw unauthenticated();
    if (live.touched && token) setSessionCookie(reply, deps.config, token);
    request.currentUser = live.user;
    request.currentSessionId = live.session.id;
  };
}

/** The signed-in user of an authenticated route; fails closed if the hook did not run. */
export function userOf(request: FastifyRequest): User {
  if (!request.currentUser) throw unauthenticated();
  return request.currentUser;
}
