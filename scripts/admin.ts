/**
 * `npm run admin -- <command>`: operator commands on the store of DATA_DIR (CONTRACT 8).
 *
 *   create-company --name <company> --admin-email <email> [--admin-name <name>]
 *     Creates a company and an invitation for its first Company Admin, and prints the invitation
 *     link on a line of its own (e-mailed too when SMTP_URL is set).
 *
 * Works whether or not the server runs: a running server owns the LevelDB lock, so the command
 * then goes through its local admin endpoint (authorized by DATA_DIR/admin.json, as
 * `npm run backup` does); otherwise it opens the store itself.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStorage } from '../server/storage/openStorage.ts';
import { configFromEnv, ConfigError } from '../server/config.ts';
import { createAccounts } from '../server/accounts/index.ts';
import type { PlanDocuments } from '../server/accounts/types.ts';
import { ADMIN_FILE, CREATE_COMPANY_ROUTE, type AdminFile } from '../server/ops/adminEndpoint.ts';

class UsageError extends Error {}

const USAGE = 'usage: npm run admin -- create-company --name <company> --admin-email <email> [--admin-name <name>]';

/** The store opened by this command has no sockets or plans to act on. */
const offlineDocuments: PlanDocuments = {
  createDocument: async () => {
    throw new Error('plan documents are not created by operator commands');
  },
  closeConnections: () => 0,
  setRole: () => undefined,
  setArchived: () => undefined,
  presence: () => [],
};

interface Created {
  companyId: string;
  link: string;
  expiresAt: string;
}

async function viaServer(dataDir: string, body: object): Promise<Created | null> {
  let admin: AdminFile;
  try {
    admin = JSON.parse(await readFile(path.join(dataDir, ADMIN_FILE), 'utf8')) as AdminFile;
  } catch {
    return null;
  }
  let res: Response;
  try {
    res = await fetch(admin.url + CREATE_COMPANY_ROUTE, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return null; // the server that wrote admin.json is gone
  }
  const answer = (await res.json().catch(() => ({}))) as Created & { message?: string };
  if (res.status === 400) throw new UsageError(answer.message ?? 'invalid input');
  if (res.status !== 201) throw new Error(`the running server refused: ${res.status} ${answer.message ?? ''}`);
  return answer;
}

async function directly(body: { name: string; adminEmail: string; adminName?: string }): Promise<Created> {
  const config = configFromEnv();
  let storage;
  try {
    storage = await openStorage(config);
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    if (cause?.code === 'LEVEL_LOCKED')
      throw new Error(`${config.DATA_DIR} is locked by a running server, but its admin endpoint did not answer`, {
        cause: err,
      });
    throw err;
  }
  const accounts = await createAccounts({
    store: storage.accounts,
    config,
    docs: offlineDocuments,
    sweepEveryMs: 0,
    log: { error: (o: object, m: string) => console.error(m, o), warn: (o: object, m: string) => console.error(m, o) },
  });
  try {
    const { companyId, invitation } = await accounts.createCompany(body.name, body.adminEmail, body.adminName);
    return { companyId, link: invitation.link, expiresAt: invitation.expiresAt };
  } catch (err) {
    if ((err as { kind?: string }).kind === 'invalid') throw new UsageError((err as Error).message);
    throw err;
  } finally {
    await accounts.close();
    await storage.close();
  }
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== 'create-company') throw new UsageError(USAGE);
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { name: { type: 'string' }, 'admin-email': { type: 'string' }, 'admin-name': { type: 'string' } },
      strict: true,
    }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${USAGE}`);
  }
  if (!values.name || !values['admin-email']) throw new UsageError(USAGE);
  const body = {
    name: values.name,
    adminEmail: values['admin-email'],
    ...(values['admin-name'] ? { adminName: values['admin-name'] } : {}),
  };
  const { DATA_DIR } = configFromEnv();
  const created = (await viaServer(DATA_DIR, body)) ?? (await directly(body));
  console.log(
    `Created company "${values.name}" (${created.companyId}). Invitation for its first Company Admin, ${values['admin-email']}, valid until ${created.expiresAt}:`,
  );
  console.log(created.link);
}

main().catch((err) => {
  console.error(
    err instanceof UsageError || err instanceof ConfigError
      ? err.message
      : `admin failed: ${err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(err instanceof UsageError || err instanceof ConfigError ? 2 : 1);
});
