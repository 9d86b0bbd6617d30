import { realpathSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { applyMigrations } from '../../prisma/migrate';
import { portalDataDir } from './data-dir';
import { embeddedPostgresUrl, startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres';
import { portInUse } from './port-in-use';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');

const DATABASE = 'news_portal';
const DEFAULT_EMBEDDED_PORT = 54329;

/** Which database a command talks to: DATABASE_URL, or this checkout's embedded one. */
export type DatabaseTarget =
  | { kind: 'external'; url: string }
  | { kind: 'embedded'; url: string; port: number; dataDir: string };

/**
 * The one place that decides the database of `npm start` and of every CLI
 * (token, content, db:*), so that they always agree: DATABASE_URL when set,
 * otherwise the embedded PostgreSQL on EMBEDDED_PG_PORT with its data in
 * PORTAL_DATA_DIR/postgres.
 */
export function databaseTarget(env: Record<string, string | undefined> = process.env): DatabaseTarget {
  if (env.DATABASE_URL) return { kind: 'external', url: env.DATABASE_URL };
  const raw = env.EMBEDDED_PG_PORT;
  const port = raw === undefined || raw === '' ? DEFAULT_EMBEDDED_PORT : Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`EMBEDDED_PG_PORT must be a port number, not "${raw}"`);
  return { kind: 'embedded', url: embeddedPostgresUrl(port, DATABASE), port, dataDir: path.join(portalDataDir(env), 'postgres') };
}

/** A folder inside the project relative to it, any other one in full. */
function shownPath(folder: string): string {
  const relative = path.relative(PROJECT_ROOT, folder);
  return relative.startsWith('..') || path.isAbsolute(relative) ? folder : relative;
}

/** Host, port and database name of a connection string; never its password. */
export function describeDatabase(target: DatabaseTarget): string {
  let where: string;
  try {
    const url = new URL(target.url);
    where = `${url.hostname || 'localhost'}:${url.port || '5432'}/${decodeURIComponent(url.pathname.slice(1))}`;
  } catch {
    where = 'an unreadable DATABASE_URL';
  }
  return target.kind === 'embedded'
    ? `Database: ${where} (embedded PostgreSQL, data in ${shownPath(target.dataDir)})`
    : `Database: ${where} (DATABASE_URL)`;
}

/** The running server's data folder, or null when nothing of ours answers on that URL. */
async function runningDataDir(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    const result = await client.query<{ data_directory: string }>('SHOW data_directory');
    return result.rows[0]?.data_directory ?? null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function samePath(a: string, b: string): boolean {
  const real = (file: string) => {
    try {
      return realpathSync(file);
    } catch {
      return path.resolve(file);
    }
  };
  return real(a) === real(b);
}

async function embeddedDatabase(target: Extract<DatabaseTarget, { kind: 'embedded' }>, log: (line: string) => void): Promise<RunningPostgres> {
  const running = await runningDataDir(target.url);
  if (running !== null) {
    // Another command of this checkout (usually `npm start`) already runs it; share it, but never another checkout's.
    if (!samePath(running, target.dataDir)) {
      throw new Error(
        `Port ${target.port} on 127.0.0.1 (EMBEDDED_PG_PORT) is taken by another checkout's embedded PostgreSQL (data in ${running}); stop it or set EMBEDDED_PG_PORT to another port.`,
      );
    }
    return { url: target.url, stop: async () => {} };
  }
  if (await portInUse(target.port, '127.0.0.1')) {
    throw new Error(
      `Port ${target.port} on 127.0.0.1 (EMBEDDED_PG_PORT) is in use by something that is not this checkout's embedded PostgreSQL; stop it or set EMBEDDED_PG_PORT to another port.`,
    );
  }
  log(`Starting embedded PostgreSQL on 127.0.0.1:${target.port}…`);
  try {
    return await startEmbeddedPostgres({ dataDir: target.dataDir, port: target.port, database: DATABASE });
  } catch (error) {
    // embedded-postgres rejects with nothing when the server exits during start-up.
    throw new Error(`The embedded PostgreSQL on port ${target.port} did not start${error instanceof Error ? `: ${error.message}` : ''}`);
  }
}

/**
 * The database the portal uses (databaseTarget), started if it is the
 * embedded one and not running yet; migrations are applied either way.
 * Logs which database it is, so that every command says what it talks to.
 */
export async function prepareDatabase(log: (line: string) => void): Promise<RunningPostgres> {
  const target = databaseTarget();
  log(describeDatabase(target));
  const database = target.kind === 'external' ? { url: target.url, stop: async () => {} } : await embeddedDatabase(target, log);
  const applied = await applyMigrations(database.url);
  if (applied.length > 0) log(`Applied migrations: ${applied.join(', ')}`);
  return database;
}
