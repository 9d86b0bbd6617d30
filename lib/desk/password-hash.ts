import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/*
 * Passwords are hashed with scrypt (Node's own, no native add-on to install)
 * and stored as a PHC-like string that names its parameters,
 * `$scrypt$ln=15,r=8,p=3$<salt>$<hash>`, so that they can be raised later:
 * a hash made with weaker ones still verifies and `needsRehash` says so.
 * N = 2^15, r = 8, p = 3 is one of the equivalent settings OWASP's password
 * storage advice gives for scrypt (its time per hash: bench/causes.md,
 * "Password hashing").
 */

export type ScryptParameters = { ln: number; r: number; p: number };

export const CURRENT_PARAMETERS: ScryptParameters = { ln: 15, r: 8, p: 3 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function derive(password: string, salt: Buffer, { ln, r, p }: ScryptParameters, keyLength: number): Promise<Buffer> {
  // scrypt needs 128 · N · r bytes; Node's default ceiling (32 MiB) is just that for N = 2^15, with no room.
  const options: ScryptOptions = { N: 2 ** ln, r, p, maxmem: 256 * 2 ** ln * r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

export async function hashPassword(password: string, parameters: ScryptParameters = CURRENT_PARAMETERS): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, parameters, KEY_LENGTH);
  return `$scrypt$ln=${parameters.ln},r=${parameters.r},p=${parameters.p}$${b64(salt)}$${b64(key)}`;
}

export function parametersOf(stored: string): ScryptParameters | null {
  const match = PHC.exec(stored);
  if (!match) return null;
  const [ln, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Bounds keep a corrupted row from asking for gigabytes of memory.
  if (ln < 10 || ln > 20 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  return { ln, r, p };
}

/** Whether `password` is the one `stored` was made from; false for a stored value that is not a valid hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parameters = parametersOf(stored);
  const match = PHC.exec(stored);
  if (!parameters || !match?.[4] || !match[5]) return false;
  const expected = Buffer.from(match[5], 'base64');
  if (expected.length < 16) return false;
  const key = await derive(password, Buffer.from(match[4], 'base64'), parameters, expected.length);
  return timingSafeEqual(key, expected);
}

/** Whether `stored` was made with other parameters than today's (rehash it at the next sign-in). */
export function needsRehash(stored: string): boolean {
  const parameters = parametersOf(stored);
  return !parameters || parameters.ln !== CURRENT_PARAMETERS.ln || parameters.r !== CURRENT_PARAMETERS.r || parameters.p !== CURRENT_PARAMETERS.p;
}

/** A hash no password matches, verified for unknown addresses so that they take as long as known ones. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}
