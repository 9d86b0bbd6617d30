import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { distDir } from '@/lib/dist-dir';
import { prepareDatabase, PROJECT_ROOT } from './lib/database';
import { portalDataDir } from './lib/data-dir';
import type { RunningPostgres } from './lib/embedded-postgres';
import { watchLauncher } from './lib/launcher-watch';
import { portInUse } from './lib/port-in-use';
import { demoContentWanted } from './lib/seed-demo';
import { portalSecrets } from './lib/local-secrets';
import { buildPortal, seedDemo, startPortalServer, stopProcess } from './lib/portal-instance';

/*
 * `npm start`: prepares the database (embedded unless DATABASE_URL is set),
 * loads the demo content into an empty embedded one (DEMO_CONTENT, see
 * scripts/lib/seed-demo.ts), builds the app if no build exists, then runs
 * the portal server (scripts/serve.ts). SIGINT, SIGTERM, SIGHUP or the end of
 * the process that launched it (npm) stop everything it started: the server
 * first, which finishes the requests in flight, then the database.
 */

const log = (line: string) => console.log(`[portal] ${line}`);
/** The server drains requests in flight for 6.5 s and stops hard at 7.5 s (scripts/serve.ts); this is the backstop. */
const CHILD_STOP_MS = 8_000;
/** PostgreSQL's fast shutdown takes well under a second; the whole stop stays within 10 s. */
const DATABASE_STOP_MS = 1_500;

let child: ChildProcess | null = null;
let database: RunningPostgres | null = null;
let stopping = false;

/** Stops the server (or the build), then the database, then exits with `code`. */
async function stopEverything(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (child) await stopProcess(child, CHILD_STOP_MS);
  if (database) {
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, DATABASE_STOP_MS).unref());
    await Promise.race([database.stop().catch(() => undefined), timeout]);
  }
  process.exit(code);
}

/*
 * embedded-postgres registers its own SIGINT/SIGTERM/SIGHUP handlers, which
 * stop the database and exit at once, while the server may still be finishing
 * requests that need it. So start.ts takes these signals over (the package's
 * exit hook still stops the database should we exit any other way).
 */
function takeOverSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stopEverything(0));
  }
}

function listenSettings(): { port: number; host: string } {
  const raw = process.env.PORT ?? '3000';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be a port number, not "${raw}"`);
  return { port, host: process.env.HOST ?? 'localhost' };
}

async function main() {
  takeOverSignals();
  watchLauncher(() => void stopEverything(0));

  // Before anything starts, so that a wrong setting or a busy port stops at once.
  const loadDemo = demoContentWanted(process.env);
  const { port, host } = listenSettings();
  const dataDir = portalDataDir();
  const secrets = portalSecrets(process.env, dataDir);
  if (await portInUse(port, host)) throw new Error(`Port ${port} on ${host} is already in use; set PORT to another one.`);

  database = await prepareDatabase(log);
  const env = {
    ...process.env,
    ...secrets,
    MEDIA_DIR: process.env.MEDIA_DIR ?? path.join(dataDir, 'media'),
    DATABASE_URL: database.url,
    NEXT_TELEMETRY_DISABLED: '1',
  };

  if (loadDemo) {
    const seed = await seedDemo(database.url, env.MEDIA_DIR);
    if (seed.seeded) log(`Loaded ${seed.articles} demo articles.`);
  }

  if (!existsSync(path.join(PROJECT_ROOT, distDir(), 'BUILD_ID'))) {
    log('No production build yet: running `next build` (once)…');
    await buildPortal({ distDir: distDir(), env, output: 'inherit', onSpawn: (build) => (child = build) });
  }
  if (stopping) return;

  // Printed as it comes; the IPC channel tells the server when start.ts is gone, however it ended (scripts/serve.ts).
  const server = await startPortalServer({
    distDir: distDir(),
    databaseUrl: database.url,
    mediaDir: env.MEDIA_DIR,
    port,
    host,
    env: { ...env, PORT: String(port), NODE_ENV: 'production' },
    output: 'inherit',
    readyPath: null,
  });
  child = server.child;
  if (stopping) await server.stop(CHILD_STOP_MS);
  server.child.on('exit', (code) => void stopEverything(code ?? 1));
}

main().catch((error: unknown) => {
  console.error(`[portal] ${error instanceof Error ? error.message : String(error)}`);
  void stopEverything(1);
});
