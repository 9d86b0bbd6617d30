import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import path from 'node:path';
import { routing } from '@/i18n/routing';
import { createPrismaClient } from '@/lib/prisma-client';
import { seedDemoContent } from './seed-demo';
import { portalServerArgs, portalServerEnv } from './portal-server-command';

/*
 * Building and starting a portal, the one way `npm start`, the soak, the
 * benchmark and the e2e set-up all do it: `next build` into a folder of its
 * own, the demo content in the database, the portal server (scripts/serve.ts)
 * as a child process stopped by its own pid, and a wait until it serves.
 */

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');
const NEXT_BIN = path.join(PROJECT_ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
/** Output kept of a child: a long run must not collect it without limit. */
const LOG_LIMIT = 200_000;

export function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** SIGTERM (the server finishes the requests in flight), SIGKILL after `killAfterMs`. */
export async function stopProcess(child: ChildProcess, killAfterMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killLater = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  await exited(child);
  clearTimeout(killLater);
}

/** What a child printed, the last LOG_LIMIT characters of it. */
function keepOutput(child: ChildProcess): () => string {
  let text = '';
  const keep = (chunk: Buffer) => (text = (text + chunk.toString()).slice(-LOG_LIMIT));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => text;
}

/** Resolves once `url` answers with a status below 500; rejects when the server exits or `timeoutMs` passes. */
export async function waitUntilServing(url: string, server: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the portal server exited early (code ${server.exitCode}):\n${log()}`);
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5_000) });
      await response.body?.cancel();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the portal server did not answer within ${timeoutMs / 1_000} s:\n${log()}`);
}

function runNext(args: string[], env: NodeJS.ProcessEnv, output: 'inherit' | 'capture', onSpawn?: (child: ChildProcess) => void): Promise<{ code: number; output: string }> {
  const child = spawn(process.execPath, [NEXT_BIN, ...args], { cwd: PROJECT_ROOT, env, stdio: output === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
  onSpawn?.(child);
  const log = keepOutput(child);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code: code ?? 1, output: log() })));
}

/**
 * `next build` into `distDir`. A build into another folder than `.next` first
 * writes the route types into .next/types, which the build type-checks against
 * (tsconfig.json leaves the `.next-test*` folders' own types out).
 */
export async function buildPortal(options: {
  distDir: string;
  env?: NodeJS.ProcessEnv;
  /** `inherit` shows the build's progress; `capture` keeps it for the error message. */
  output?: 'inherit' | 'capture';
  /** Called with each child started, so that a signal handler can stop it. */
  onSpawn?: (child: ChildProcess) => void;
}): Promise<void> {
  const env = { ...(options.env ?? process.env), NEXT_TELEMETRY_DISABLED: '1' };
  const output = options.output ?? 'capture';
  if (options.distDir !== '.next') await runNext(['typegen'], { ...env, NEXT_DIST_DIR: undefined }, output, options.onSpawn);
  const build = await runNext(['build'], { ...env, NEXT_DIST_DIR: options.distDir }, output, options.onSpawn);
  if (build.code !== 0) throw new Error(output === 'inherit' ? 'next build failed' : `next build failed:\n${build.output.slice(-4_000)}`);
}

/** Seeds the demo content with its images in `mediaDir` (the media code reads MEDIA_DIR when called). */
export async function seedDemo(databaseUrl: string, mediaDir: string): Promise<{ seeded: boolean; articles: number }> {
  const previous = process.env.MEDIA_DIR;
  process.env.MEDIA_DIR = mediaDir;
  const prisma = createPrismaClient(databaseUrl, 2);
  try {
    return await seedDemoContent(prisma);
  } finally {
    await prisma.$disconnect();
    if (previous === undefined) delete process.env.MEDIA_DIR;
    else process.env.MEDIA_DIR = previous;
  }
}

export type PortalServer = {
  child: ChildProcess;
  pid: number;
  /** http://<host>:<port>, where the server listens. */
  baseUrl: string;
  log: () => string;
  stop: (killAfterMs?: number) => Promise<void>;
};

/**
 * The production portal server on `port`, with `env` on top of the process's
 * own environment; resolves once it serves `readyPath` (the default language's home
 * page unless given; null: at once).
 */
export async function startPortalServer(options: {
  distDir: string;
  databaseUrl: string;
  mediaDir: string;
  port: number;
  /** Defaults to `localhost` (see scripts/serve.ts), which resolves to 127.0.0.1. */
  host?: string;
  env?: Record<string, string | undefined>;
  /** `inherit` prints the server's output; the IPC channel tells it when its parent is gone (scripts/serve.ts). */
  output?: 'capture' | 'inherit';
  /** Node.js options in front of the server, e.g. --cpu-prof. */
  nodeOptions?: string[];
  readyPath?: string | null;
  timeoutMs?: number;
}): Promise<PortalServer> {
  const host = options.host ?? options.env?.HOST ?? 'localhost';
  const stdio: StdioOptions = options.output === 'inherit' ? ['inherit', 'inherit', 'inherit', 'ipc'] : ['ignore', 'pipe', 'pipe'];
  const child = spawn(process.execPath, await portalServerArgs(options.nodeOptions), {
    cwd: PROJECT_ROOT,
    env: portalServerEnv({
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      NEXT_DIST_DIR: options.distDir,
      DATABASE_URL: options.databaseUrl,
      MEDIA_DIR: options.mediaDir,
      PORT: String(options.port),
      HOST: host,
      ...options.env,
    }),
    stdio,
  });
  const log = keepOutput(child);
  if (child.pid === undefined) throw new Error('the portal server did not start');
  const server: PortalServer = { child, pid: child.pid, baseUrl: `http://${host}:${options.port}`, log, stop: (killAfterMs) => stopProcess(child, killAfterMs) };
  const readyPath = options.readyPath === undefined ? `/${routing.defaultLocale}` : options.readyPath;
  if (readyPath === null) return server;
  try {
    await waitUntilServing(`${server.baseUrl}${readyPath}`, child, log, options.timeoutMs ?? 90_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}
