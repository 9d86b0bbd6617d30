import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/*
 * Secrets an operator sets in the environment. For a local `npm start`
 * without them we make random ones once and keep them in .data/secrets.json,
 * so preview links stay valid across restarts.
 */

const NAMES = ['REVALIDATE_SECRET', 'PREVIEW_SECRET'] as const;

export function secretsFromEnvOrFile(dataDir: string): Record<(typeof NAMES)[number], string> {
  const file = path.join(dataDir, 'secrets.json');
  const stored: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  let changed = false;
  for (const name of NAMES) {
    if (!stored[name]) {
      stored[name] = randomBytes(24).toString('base64url');
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return Object.fromEntries(NAMES.map((name) => [name, process.env[name] || stored[name] || ''])) as Record<(typeof NAMES)[number], string>;
}
