import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/*
 * The portal's secrets. With DATABASE_URL (a real deployment, perhaps several
 * instances behind a load balancer) they must come from the environment, the
 * same on every instance: a preview link made on one must open on another,
 * and a form rendered by one must post to another. For a local `npm start`
 * on the embedded database we make random ones once and keep them in
 * .data/secrets.json, so preview links stay valid across restarts.
 */

const NAMES = ['REVALIDATE_SECRET', 'PREVIEW_SECRET', 'NEXT_SERVER_ACTIONS_ENCRYPTION_KEY'] as const;
type SecretName = (typeof NAMES)[number];
export type PortalSecrets = Record<SecretName, string>;

/** Next.js encrypts server-action data with AES: the key is 16, 24 or 32 bytes, base64-encoded. */
function checkEncryptionKey(value: string): void {
  const bytes = Buffer.from(value, 'base64');
  if (![16, 24, 32].includes(bytes.length) || bytes.toString('base64').replace(/=+$/, '') !== value.replace(/=+$/, '')) {
    throw new Error('NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be 32 random bytes in base64, e.g. from `openssl rand -base64 32`');
  }
}

function made(name: SecretName): string {
  return name === 'NEXT_SERVER_ACTIONS_ENCRYPTION_KEY' ? randomBytes(32).toString('base64') : randomBytes(24).toString('base64url');
}

export function portalSecrets(env: Record<string, string | undefined>, dataDir: string): PortalSecrets {
  if (env.DATABASE_URL) {
    const missing = NAMES.filter((name) => !env[name]);
    if (missing.length > 0) {
      throw new Error(`${missing.join(', ')} must be set when DATABASE_URL is: every instance needs the same ones (README, "Running several instances")`);
    }
  }
  const file = path.join(dataDir, 'secrets.json');
  const stored: Partial<Record<string, string>> = env.DATABASE_URL || !existsSync(file) ? {} : JSON.parse(readFileSync(file, 'utf8'));
  const secrets = Object.fromEntries(NAMES.map((name) => [name, env[name] || stored[name] || ''])) as PortalSecrets;
  const unset = NAMES.filter((name) => !secrets[name]);
  if (unset.length > 0) {
    for (const name of unset) secrets[name] = made(name);
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify({ ...stored, ...Object.fromEntries(unset.map((name) => [name, secrets[name]])) }, null, 2), { mode: 0o600 });
  }
  checkEncryptionKey(secrets.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY);
  return secrets;
}
