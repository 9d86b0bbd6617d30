import path from 'node:path';
import pg from 'pg';
import { applyMigrations } from '../../prisma/migrate';
import { embeddedPostgresUrl, startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');

const DATABASE = 'news_portal';

async function accepts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * The database the portal uses: DATABASE_URL when set, otherwise an embedded
 * PostgreSQL in .data/postgres. Migrations are applied either way.
 */
export async function prepareDatabase(log: (line: string) => void): Promise<RunningPostgres> {
  let database: RunningPostgres;
  if (process.env.DATABASE_URL) {
    database = { url: process.env.DATABASE_URL, stop: async () => {} };
  } else {
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    const url = embeddedPostgresUrl(port, DATABASE);
    if (await accepts(url)) {
      // Another command (usually `npm start`) already runs it; share it.
      database = { url, stop: async () => {} };
    } else {
      log(`Starting embedded PostgreSQL on 127.0.0.1:${port} (data in .data/postgres)…`);
      database = await startEmbeddedPostgres({ dataDir: path.join(PROJECT_ROOT, '.data', 'postgres'), port, database: DATABASE });
    }
  }
  const applied = await applyMigrations(database.url);
  if (applied.length > 0) log(`Applied migrations: ${applied.join(', ')}`);
  return database;
}
