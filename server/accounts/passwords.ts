/**
 * Password hashing with node:crypto scrypt and a per-user random salt. The stored string carries
 * its parameters, so they can be raised later without invalidating existing hashes.
 *
 * What must stay true: `verifyPassword` costs the same whether or not a user exists (login calls
 * `dummyVerify` for unknown emails), and hashes are compared in constant time.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** N=2^14, r=8, p=1: OWASP's scrypt floor; ~30 ms per hash on a laptop core. */
const DEFAULT_PARAMS = { N: 16384, r: 8, p: 1 };
const PREFIX = 'scrypt';

/** scrypt derivations done by this process: what "the same work" is measured in (tests, reset). */
let derivations = 0;
export const scryptDerivations = (): number => derivations;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  derivations += 1;
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * 2 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** `scrypt$N$r$p$saltB64$hashB64` */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, DEFAULT_PARAMS);
  const { N, r, p } = DEFAULT_PARAMS;
  return [PREFIX, N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  const actual = await derive(password, salt, { N, r, p });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// A fixed hash to verify against when the email is unknown, so both paths cost one scrypt.
let dummy: Promise<string> | null = null;

export async function dummyVerify(password: string): Promise<false> {
  await verifyPassword(password, await primeDummyHash());
  return false;
}

/** Computes the dummy hash ahead of the first unknown-email login, so that one is not slower. */
export function primeDummyHash(): Promise<string> {
  dummy ??= hashPassword('not-a-real-password');
  return dummy;
}
