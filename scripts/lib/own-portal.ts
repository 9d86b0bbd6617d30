import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyMigrations } from '../../prisma/migrate';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres';
import { freePort } from './free-port';
import { exited, seedDemo, startPortalServer, stopProcess, type PortalServer } from './portal-instance';

/*
 * A portal of its own for tests and the soak script that must not disturb the
 * shared e2e server: a fresh embedded PostgreSQL with the demo content, and
 * the production server (scripts/serve.ts) on a free localhost port. The
 * database can be stopped and started again on the same folder and port, so
 * an outage can be simulated while the portal keeps running.
 */

const DATABASE = 'portal_hardening';

export type OwnPortal = {
  baseUrl: string;
  databaseUrl: string;
  mediaDir: string;
  /** Process id of the portal server (for its memory use). */
  serverPid: number;
  stopDatabase: () => Promise<void>;
  /** Starts the database again on the same folder and port; resolves with its URL. */
  startDatabase: () => Promise<string>;
  /** Everything the server printed so far. */
  serverLog: () => string;
  /**
   * Stops the server (SIGTERM waits for it to finish; SIGKILL is a crash) and
   * starts it again on the same build, port and media, with `env` on top
   * (another DATABASE_URL, say); resolves when it answers again.
   */
  restartServer: (options?: { signal?: 'SIGTERM' | 'SIGKILL'; env?: Record<string, string> }) => Promise<void>;
  /** Starts one more server on the same database and media, from `distDir` (a copy of the build, as another host would have it). */
  startAnotherServer: (options: { distDir: string; env?: Record<string, string> }) => Promise<AnotherServer>;
  /** Stops the server and the database and deletes their folder. */
  close: () => Promise<void>;
};

export type AnotherServer = { baseUrl: string; pid: number; log: () => string; stop: () => Promise<void> };

export type OwnPortalOptions = {
  /** The production build to serve (NEXT_DIST_DIR), relative to the project root. */
  distDir: string;
  revalidateSecret: string;
  previewSecret: string;
  /** Extra environment for the server, e.g. API_RATE_LIMIT_PER_MINUTE, or HOST (an address clients can connect to). */
  env?: Record<string, string>;
};

export async function startOwnPortal(options: OwnPortalOptions): Promise<OwnPortal> {
  const folder = mkdtempSync(path.join(tmpdir(), 'portal-hardening-'));
  // PostgreSQL runs as the `postgres` user when we are root; it must reach the folder.
  chmodSync(folder, 0o755);
  const dataDir = path.join(folder, 'pg');
  const mediaDir = path.join(folder, 'media');
  mkdirSync(mediaDir);
  const pgPort = await freePort();

  let database: RunningPostgres | null = null;
  let server: ChildProcess | null = null;
  const others: ChildProcess[] = [];
  const startDatabase = async (): Promise<string> => {
    database ??= await startEmbeddedPostgres({ dataDir, port: pgPort, database: DATABASE });
    return database.url;
  };
  const stopDatabase = async () => {
    const running = database;
    database = null;
    await running?.stop();
  };
  // Ctrl-C: embedded-postgres's exit hook stops the database and exits before close() can run.
  const leaveNothingBehind = () => {
    server?.kill('SIGKILL');
    for (const other of others) other.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  };
  process.once('exit', leaveNothingBehind);
  const close = async () => {
    await Promise.all(others.map((other) => stopProcess(other)));
    if (server) await stopProcess(server);
    await stopDatabase();
    rmSync(folder, { recursive: true, force: true });
    process.off('exit', leaveNothingBehind);
  };

  try {
    const databaseUrl = await startDatabase();
    await applyMigrations(databaseUrl);
    await seedDemo(databaseUrl, mediaDir);

    const spawnServer = async (server: { port: number; distDir: string; env: Record<string, string> }) =>
      startPortalServer({
        distDir: server.distDir,
        databaseUrl,
        mediaDir,
        port: server.port,
        env: { REVALIDATE_SECRET: options.revalidateSecret, PREVIEW_SECRET: options.previewSecret, ...options.env, ...server.env },
      });
    const port = await freePort();
    // One log across restarts: a test reads what the server said before and after.
    let earlierLog = '';
    let current: PortalServer | null = null;
    const serverLog = () => earlierLog + (current?.log() ?? '');
    const launch = async (env: Record<string, string>): Promise<number> => {
      if (current) earlierLog = serverLog().slice(-200_000);
      current = await spawnServer({ port, distDir: options.distDir, env });
      server = current.child;
      return current.pid;
    };
    const first = await launch({});
    const portal: OwnPortal = {
      baseUrl: `http://${options.env?.HOST ?? 'localhost'}:${port}`,
      databaseUrl, mediaDir, serverPid: first, stopDatabase, startDatabase, serverLog, close,
      restartServer: async ({ signal = 'SIGTERM', env = {} } = {}) => {
        const running = server;
        if (running && running.exitCode === null && running.signalCode === null) {
          running.kill(signal);
          await exited(running);
        }
        portal.serverPid = await launch(env);
      },
      startAnotherServer: async ({ distDir, env = {} }) => {
        const started = await spawnServer({ port: await freePort(), distDir, env });
        others.push(started.child);
        return { baseUrl: started.baseUrl, pid: started.pid, log: started.log, stop: () => started.stop() };
      },
    };
    return portal;
  } catch (error) {
    await close();
    throw error;
  }
}
