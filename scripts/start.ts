import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { distDir } from '@/lib/dist-dir';
import { createPrismaClient } from '@/lib/prisma-client';
import { prepareDatabase, PROJECT_ROOT } from './lib/database';
import { demoContentWanted, seedDemoContent } from './lib/seed-demo';
import { secretsFromEnvOrFile } from './lib/local-secrets';
import { portalServerArgs, portalServerEnv } from './lib/portal-server-command';

/*
 * `npm start`: prepares the database (embedded unless DATABASE_URL is set),
 * loads the demo content into an empty embedded one (DEMO_CONTENT, see
 * scripts/lib/seed-demo.ts), builds the app if no build exists, then runs
 * the portal server (scripts/serve.ts). Stops everything it started on Ctrl-C.
 */

const log = (line: string) => console.log(`[portal] ${line}`);
const nextBin = path.join(PROJECT_ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

function run(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [nextBin, ...args], { cwd: PROJECT_ROOT, env, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function main() {
  // Before anything starts, so that a wrong setting stops at once.
  const loadDemo = demoContentWanted(process.env);
  const database = await prepareDatabase(log);
  const env = {
    ...process.env,
    ...secretsFromEnvOrFile(path.join(PROJECT_ROOT, '.data')),
    DATABASE_URL: database.url,
    NEXT_TELEMETRY_DISABLED: '1',
  };

  if (loadDemo) {
    const prisma = createPrismaClient(database.url, 2);
    const seed = await seedDemoContent(prisma);
    await prisma.$disconnect();
    if (seed.seeded) log(`Loaded ${seed.articles} demo articles.`);
  }

  if (!existsSync(path.join(PROJECT_ROOT, distDir(), 'BUILD_ID'))) {
    log('No production build yet: running `next build` (once)…');
    if ((await run(['build'], env)) !== 0) throw new Error('next build failed');
  }

  const port = process.env.PORT ?? '3000';
  const server = spawn(process.execPath, await portalServerArgs(), {
    cwd: PROJECT_ROOT,
    env: portalServerEnv({ ...env, PORT: port, NODE_ENV: 'production' }),
    stdio: 'inherit',
  });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    server.kill('SIGTERM');
    await database.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  server.on('exit', (code) => void stop(code ?? 1));
}

main().catch((error: unknown) => {
  console.error(`[portal] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
