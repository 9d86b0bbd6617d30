import path from 'node:path';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * The folder `npm start` keeps its state in (embedded PostgreSQL, secrets,
 * media): PORTAL_DATA_DIR, relative to the project, or `.data`. A test or a
 * second instance of the same checkout gives it a folder of its own.
 */
export function portalDataDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(PROJECT_ROOT, env.PORTAL_DATA_DIR || '.data');
}
