import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPrismaClient, type PrismaClient } from '@/lib/prisma-client';
import { applyMigrations } from '../../prisma/migrate';
import { startEmbeddedPostgres, type RunningPostgres } from '../../scripts/lib/embedded-postgres';
import { seedDemoContent } from '../../scripts/lib/seed-demo';
import { freePort } from '../helpers/free-port';
import { portalServerArgs, portalServerEnv } from '../../scripts/lib/portal-server-command';

/*
 * A portal of its own for tests and the soak script that must not disturb the
 * shared e2e server: a fresh embedded PostgreSQL with the demo content, and
 * the production server (scripts/serve.ts) on a free localhost port. The
 * database can be stopped and started again on the same folder and port, so
 * an outage can be simulated while the portal keeps running.
 *
 * No vitest import here: scripts/soak.ts uses this module too.
 */

const ROOT = path.resolve(import.meta.dirname, '..', '..');
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

async function waitUntilServing(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the portal server exited early:\n${log()}`);
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5_000) });
      await response.body?.cancel();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the portal server did not answer within 90 s:\n${log()}`);
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killLater = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited(child);
  clearTimeout(killLater);
}

/** Seeds the demo content with its images in `mediaDir` (the media code reads MEDIA_DIR when called). */
async function seed(databaseUrl: string, mediaDir: string): Promise<void> {
  const previous = process.env.MEDIA_DIR;
  process.env.MEDIA_DIR = mediaDir;
  const prisma = createPrismaClient(databaseUrl, 2);
  try {
    await seedDemoContent(prisma);
  } finally {
    await prisma.$disconnect();
    if (previous === undefined) delete process.env.MEDIA_DIR;
    else process.env.MEDIA_DIR = previous;
  }
}

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
    await Promise.all(others.map(stopProcess));
    if (server) await stopProcess(server);
    await stopDatabase();
    rmSync(folder, { recursive: true, force: true });
    process.off('exit', leaveNothingBehind);
  };

  try {
    const databaseUrl = await startDatabase();
    await applyMigrations(databaseUrl);
    await seed(databaseUrl, mediaDir);

    const spawnServer = async (server: { port: number; distDir: string; env: Record<string, string> }, keep: (chunk: Buffer) => void, log: () => string) => {
      const child = spawn(process.execPath, await portalServerArgs(), {
        cwd: ROOT,
        env: portalServerEnv({
          ...process.env,
          NODE_ENV: 'production',
          NEXT_TELEMETRY_DISABLED: '1',
          NEXT_DIST_DIR: server.distDir,
          DATABASE_URL: databaseUrl,
          MEDIA_DIR: mediaDir,
          PORT: String(server.port),
          HOST: 'localhost',
          REVALIDATE_SECRET: options.revalidateSecret,
          PREVIEW_SECRET: options.previewSecret,
          ...options.env,
          ...server.env,
        }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      // The address the server listens on (HOST, localhost unless the options say otherwise).
      const baseUrl = `http://${server.env.HOST ?? options.env?.HOST ?? 'localhost'}:${server.port}`;
      await waitUntilServing(`${baseUrl}/de`, child, log);
      if (child.pid === undefined) throw new Error('the portal server has no process id');
      return { child, baseUrl, pid: child.pid };
    };
    /** Output kept bounded: a long run must not collect a server's output without limit. */
    const outputLog = () => {
      let text = '';
      return { keep: (chunk: Buffer) => (text = (text + chunk.toString()).slice(-200_000)), read: () => text };
    };

    const port = await freePort();
    const log = outputLog();
    const launch = async (env: Record<string, string>): Promise<number> => {
      const started = await spawnServer({ port, distDir: options.distDir, env }, log.keep, log.read);
      server = started.child;
      return started.pid;
    };
    const first = await launch({});
    const portal: OwnPortal = {
      baseUrl: `http://${options.env?.HOST ?? 'localhost'}:${port}`,
      databaseUrl, mediaDir, serverPid: first, stopDatabase, startDatabase, serverLog: log.read, close,
      restartServer: async ({ signal = 'SIGTERM', env = {} } = {}) => {
        const running = server;
        if (running && running.exitCode === null && running.signalCode === null) {
          running.kill(signal);
          await exited(running);
        }
        portal.serverPid = await launch(env);
      },
      startAnotherServer: async ({ distDir, env = {} }) => {
        const another = outputLog();
        const started = await spawnServer({ port: await freePort(), distDir, env }, another.keep, another.read);
        others.push(started.child);
        return { baseUrl: started.baseUrl, pid: started.pid, log: another.read, stop: () => stopProcess(started.child) };
      },
    };
    return portal;
  } catch (error) {
    await close();
    throw error;
  }
}

/** Runs `work` with a short-lived Prisma client on the portal's own database. */
export async function withPortalDatabase<T>(portal: OwnPortal, work: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  const prisma = createPrismaClient(portal.databaseUrl, 2);
  try {
    return await work(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

/**
 * A private copy of a production build, without its runtime cache: a second
 * server on the same folder would share the ISR cache on disk with the first
 * one, and pages it renders from another database would reach the first
 * server's readers. The copy lies beside the original (Next.js wants it
 * inside the project), under a name that .gitignore, ESLint and tsconfig
 * already leave out (`<distDir>-…`).
 */
export function copyBuild(distDir: string): { distDir: string; remove: () => void } {
  const copy = `${distDir}-own-${randomBytes(4).toString('hex')}`;
  const source = path.join(ROOT, distDir);
  cpSync(source, path.join(ROOT, copy), {
    recursive: true,
    filter: (file) => {
      const relative = path.relative(source, file);
      return relative !== 'cache' && relative !== 'dev' && !relative.startsWith(`cache${path.sep}`);
    },
  });
  return { distDir: copy, remove: () => rmSync(path.join(ROOT, copy), { recursive: true, force: true }) };
}
