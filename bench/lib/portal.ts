import { routing } from '@/i18n/routing';
import { getPathname } from '@/i18n/navigation';
import path from 'node:path';
import { createEditorToken } from '@/lib/auth/editor-tokens';
import { createPrismaClient } from '@/lib/prisma-client';
import { freePort } from '../../scripts/lib/free-port';
import type { ServerProcess } from './process';
import { startPortalServer } from '../../scripts/lib/portal-instance';

/*
 * The server under test: the portal as `npm start` runs it (scripts/serve.ts),
 * on loopback, with a database of its own and an editor token for the API.
 */

export const REVALIDATE_SECRET = 'bench-revalidate-secret';

export type PortalUnderTest = ServerProcess & { editorToken: string };

export async function startPortal(options: {
  distDir: string;
  databaseUrl: string;
  mediaDir: string;
  cpuProfileDir: string | null;
  /** Settings on top of the bench's own, e.g. REDIS_URL for instances that share their cache. */
  env?: Record<string, string>;
}): Promise<PortalUnderTest> {
  const port = await freePort();
  // The server listens on `localhost` (see scripts/serve.ts), which resolves to 127.0.0.1.
  const origin = `http://127.0.0.1:${port}`;
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.cpuProfileDir)}`] : [];
  const started = await startPortalServer({
    distDir: options.distDir,
    databaseUrl: options.databaseUrl,
    mediaDir: options.mediaDir,
    port,
    nodeOptions: profile,
    env: {
      SITE_URL: `http://localhost:${port}`,
      REVALIDATE_SECRET,
      PREVIEW_SECRET: 'bench-preview-secret',
      // The freshness scenario and the revalidations are API traffic from one address.
      API_RATE_LIMIT_PER_MINUTE: '100000',
      ...options.env,
    },
    readyPath: getPathname(routing.defaultLocale, '/info/imprint'),
  });
  const server: ServerProcess = { pid: started.pid, origin, log: started.log, stop: () => started.stop(10_000) };
  const prisma = createPrismaClient(options.databaseUrl, 1);
  try {
    const editorToken = await createEditorToken(prisma, `bench-${Date.now()}`);
    return { ...server, editorToken };
  } catch (error) {
    await server.stop();
    throw error;
  } finally {
    await prisma.$disconnect();
  }
}
