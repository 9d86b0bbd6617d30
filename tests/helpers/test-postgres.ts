import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type RunningPostgres } from '../../scripts/lib/embedded-postgres';
import { freePort } from '../../scripts/lib/free-port';

/** A throw-away real PostgreSQL server for a test run, in a temporary folder. */
export async function startTestPostgres(): Promise<RunningPostgres & { adminUrl: string }> {
  const folder = mkdtempSync(path.join(tmpdir(), 'portal-test-pg-'));
  // PostgreSQL runs as the `postgres` user when we are root; it must reach the folder.
  chmodSync(folder, 0o755);
  const port = await freePort();
  const server = await startEmbeddedPostgres({ dataDir: path.join(folder, 'data'), port, database: 'portal_test' });
  return {
    url: server.url,
    adminUrl: server.url.replace(/\/portal_test$/, '/postgres'),
    stop: async () => {
      await server.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
