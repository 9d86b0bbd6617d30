import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../prisma/migrate';
import { createPrismaClient } from '@/lib/prisma-client';
import { seedDemoContent } from '../../scripts/lib/seed-demo';
import { startTestPostgres } from '../helpers/test-postgres';
import { freePort } from '../helpers/free-port';
import { portalServerArgs, portalServerEnv } from '../../scripts/lib/portal-server-command';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    revalidateSecret: string;
    /** The production build's folder, for tests that start a server of their own. */
    distDir: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
// Separate folders let several test runs build side by side.
const DIST_DIR = process.env.E2E_DIST_DIR ?? '.next-test';
export const REVALIDATE_SECRET = 'e2e-revalidate-secret';

function runNext(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [NEXT_BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function waitUntilServing(url: string, server: ChildProcess, log: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the portal server exited early:\n${log()}`);
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the portal server did not answer within 60 s:\n${log()}`);
}

/**
 * Builds the portal for production, gives it a real PostgreSQL with the demo
 * content, and serves it with the portal server on 127.0.0.1 for all e2e tests.
 */
export default async function setup(project: TestProject) {
  const postgres = await startTestPostgres();
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'portal-test-media-'));
  await applyMigrations(postgres.url);
  process.env.MEDIA_DIR = mediaDir;
  const prisma = createPrismaClient(postgres.url, 2);
  await seedDemoContent(prisma);
  await prisma.$disconnect();

  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    NEXT_DIST_DIR: DIST_DIR,
    DATABASE_URL: postgres.url,
    MEDIA_DIR: mediaDir,
    PORT: String(port),
    SITE_URL: 'https://portal.example.org',
    REVALIDATE_SECRET,
    PREVIEW_SECRET: 'e2e-preview-secret',
    // Tests act as many readers by sending X-Forwarded-For, as a front proxy would.
    TRUST_PROXY: '1',
  };

  // No cache to clear from an earlier run: each database has a cache of its own (lib/cache/isr-cache-handler.mjs).
  let output = '';
  // The build type-checks against the route types in .next/types (the test
  // build's own folder is excluded in tsconfig.json so the two never clash).
  const typegen = runNext(['typegen'], { ...env, NEXT_DIST_DIR: undefined });
  await new Promise((resolve) => typegen.on('exit', resolve));
  const build = runNext(['build'], env);
  build.stdout?.on('data', (chunk) => (output += chunk));
  build.stderr?.on('data', (chunk) => (output += chunk));
  const buildCode = await new Promise<number>((resolve) => build.on('exit', (code) => resolve(code ?? 1)));
  if (buildCode !== 0) throw new Error(`next build failed:\n${output}`);

  // The same server `npm start` runs, on `localhost` (see scripts/serve.ts), which resolves to 127.0.0.1.
  const server = spawn(process.execPath, await portalServerArgs(), {
    cwd: ROOT,
    env: portalServerEnv({ ...env, HOST: 'localhost' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let serverLog = '';
  server.stdout?.on('data', (chunk) => (serverLog += chunk));
  server.stderr?.on('data', (chunk) => (serverLog += chunk));
  const baseUrl = `http://localhost:${port}`;
  await waitUntilServing(`${baseUrl}/de`, server, () => serverLog);

  project.provide('baseUrl', baseUrl);
  project.provide('databaseUrl', postgres.url);
  project.provide('revalidateSecret', REVALIDATE_SECRET);
  project.provide('distDir', DIST_DIR);

  return async () => {
    server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.on('exit', resolve)));
    if (process.env.E2E_SERVER_LOG) console.log(serverLog);
    await postgres.stop();
    rmSync(mediaDir, { recursive: true, force: true });
  };
}
