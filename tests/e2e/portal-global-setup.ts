import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../prisma/migrate';
import { buildPortal, seedDemo, startPortalServer } from '../../scripts/lib/portal-instance';
import { startTestPostgres } from '../helpers/test-postgres';
import { freePort } from '../../scripts/lib/free-port';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    revalidateSecret: string;
    /** The production build's folder, for tests that start a server of their own. */
    distDir: string;
  }
}

// Separate folders let several test runs build side by side.
const DIST_DIR = process.env.E2E_DIST_DIR ?? '.next-test';
export const REVALIDATE_SECRET = 'e2e-revalidate-secret';

/**
 * Builds the portal for production, gives it a real PostgreSQL with the demo
 * content, and serves it with the portal server on 127.0.0.1 for all e2e tests.
 */
export default async function setup(project: TestProject) {
  const postgres = await startTestPostgres();
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'portal-test-media-'));
  await applyMigrations(postgres.url);
  await seedDemo(postgres.url, mediaDir);
  process.env.MEDIA_DIR = mediaDir;

  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: postgres.url,
    MEDIA_DIR: mediaDir,
    SITE_URL: 'https://portal.example.org',
    REVALIDATE_SECRET,
    PREVIEW_SECRET: 'e2e-preview-secret',
    // Tests act as many readers by sending X-Forwarded-For, as a front proxy would.
    TRUST_PROXY: '1',
  };

  // No cache to clear from an earlier run: each database has a cache of its own (lib/cache/isr-cache-handler.mjs).
  await buildPortal({ distDir: DIST_DIR, env: { ...env, NODE_ENV: 'production' } });
  const server = await startPortalServer({ distDir: DIST_DIR, databaseUrl: postgres.url, mediaDir, port, env, timeoutMs: 60_000 });
  const baseUrl = server.baseUrl;

  project.provide('baseUrl', baseUrl);
  project.provide('databaseUrl', postgres.url);
  project.provide('revalidateSecret', REVALIDATE_SECRET);
  project.provide('distDir', DIST_DIR);

  return async () => {
    await server.stop();
    if (process.env.E2E_SERVER_LOG) console.log(server.log());
    await postgres.stop();
    rmSync(mediaDir, { recursive: true, force: true });
  };
}
