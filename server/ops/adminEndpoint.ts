/**
 * The online backup endpoint, `POST /api/admin/backup`, for `npm run backup` while the server
 * runs (LevelDB lets one process open the store, so the backup has to come from the server).
 *
 * Who may call it: only a caller on this machine who can read DATA_DIR. On listen the server
 * writes `DATA_DIR/admin.json` (mode 0600: the server's own user) with a fresh random token and the
 * loopback URL it answers on; the route requires that token as a bearer token *and* a loopback
 * peer address, so neither a leaked token from afar nor a local user without access to DATA_DIR
 * gets a copy of the store (which holds password hashes and sessions). The file is removed on a
 * clean stop; after a crash it is stale and simply overwritten by the next start. It is not part
 * of the LevelDB store (LevelDB ignores files it did not name) and never part of a backup.
 *
 * One backup runs at a time (a second gets 409), streamed from one iterator snapshot, so a slow
 * reader costs an open snapshot, not memory.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode } from '../../shared/closeCodes.ts';
import { DomainError } from '../errors.ts';

export const ADMIN_FILE = 'admin.json';
export const BACKUP_ROUTE = '/api/admin/backup';
/** `npm run admin -- create-company` while the server runs (scripts/admin.ts). */
export const CREATE_COMPANY_ROUTE = '/api/admin/companies';

/** What the operator's commands need from the accounts layer. */
export interface OperatorActions {
  createCompany(
    name: string,
    adminEmail: string,
    adminName?: string,
  ): Promise<{ companyId: string; invitation: { link: string; expiresAt: string } }>;
}

export interface AdminFile {
  url: string;
  token: string;
  pid: number;
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function bearerMatches(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

/** The URL a local process uses to reach a server bound to `host`:`port`. */
function loopbackUrl(host: string, port: number): string {
  if (host === '0.0.0.0' || host === '') return `http://127.0.0.1:${port}`;
  if (host === '::') return `http://[::1]:${port}`;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export function registerAdminEndpoint(
  fastify: FastifyInstance,
  opts: { dump: (() => AsyncIterable<string>) | null; dataDir: string; host: string; operator?: OperatorActions },
): void {
  const token = randomBytes(32).toString('hex');
  const file = path.join(opts.dataDir, ADMIN_FILE);
  let running = false;

  fastify.addHook('onListen', async () => {
    const addr = fastify.server.address();
    if (!addr || typeof addr !== 'object') return;
    const admin: AdminFile = { url: loopbackUrl(opts.host, addr.port), token, pid: process.pid };
    await writeFile(file, JSON.stringify(admin) + '\n', { mode: 0o600 });
  });
  fastify.addHook('onClose', async () => {
    await rm(file, { force: true });
  });

  const local = (request: FastifyRequest) => isLoopback(request.socket.remoteAddress) && bearerMatches(request, token);
  const refuse = { error: ErrorCode.Forbidden, message: 'Admin endpoints answer local, authorized callers only.' };

  if (opts.operator) {
    const operator = opts.operator;
    fastify.post(CREATE_COMPANY_ROUTE, async (request, reply) => {
      if (!local(request)) return reply.code(403).send(refuse);
      const body = request.body as { name?: unknown; adminEmail?: unknown; adminName?: unknown } | null;
      if (
        !body ||
        typeof body.name !== 'string' ||
        typeof body.adminEmail !== 'string' ||
        (body.adminName !== undefined && typeof body.adminName !== 'string')
      ) {
        return reply
          .code(400)
          .send({ error: ErrorCode.BadRequest, message: 'Send {name, adminEmail, adminName?} as strings.' });
      }
      let created;
      try {
        created = await operator.createCompany(body.name, body.adminEmail, body.adminName);
      } catch (err) {
        if (err instanceof DomainError && err.kind === 'invalid')
          return reply.code(400).send({ error: err.code, message: err.message });
        throw err;
      }
      request.log.info({ companyId: created.companyId }, 'company created by the operator');
      return reply
        .code(201)
        .send({ companyId: created.companyId, link: created.invitation.link, expiresAt: created.invitation.expiresAt });
    });
  }

  fastify.post(BACKUP_ROUTE, async (request, reply) => {
    // Same answer for "not local" and "wrong token": the route does not confirm it exists.
    if (!local(request)) return reply.code(403).send(refuse);
    if (!opts.dump) {
      return reply.code(409).send({
        error: ErrorCode.Conflict,
        message: 'This storage is backed up with its own tools (pg_dump, docs/operations.md).',
      });
    }
    if (running) return reply.code(409).send({ error: ErrorCode.Conflict, message: 'A backup is already running.' });
    running = true;
    const body = Readable.from(opts.dump());
    body.once('close', () => (running = false));
    request.log.info('backup started');
    return reply.header('cache-control', 'no-store').type('application/x-ndjson; charset=utf-8').send(body);
  });
}
