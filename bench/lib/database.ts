import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { applyMigrations } from '../../prisma/migrate';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { freePort } from '../../scripts/lib/free-port';
import { startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres';
import { seedDemoContent } from '../../scripts/lib/seed-demo';
import { generateArchive } from '../../scripts/lib/generate-archive';

/*
 * The benchmark's own database: a fresh embedded PostgreSQL in a temporary
 * folder with the demo content and a generated archive, thrown away at the end.
 */

export type BenchDatabase = {
  url: string;
  mediaDir: string;
  /** PostgreSQL's log lines between start() and stop(), for counting statements. */
  logCapture: { start: () => void; stop: () => string };
  seconds: { start: number; migrate: number; demo: number; archive: number };
  stop: () => Promise<void>;
};

export async function startBenchDatabase(options: { articles: number; seed: number; log: (line: string) => void }): Promise<BenchDatabase> {
  const folder = mkdtempSync(path.join(tmpdir(), 'portal-bench-'));
  // PostgreSQL runs as the `postgres` user when we are root; it must reach the folder.
  chmodSync(folder, 0o755);
  const mediaDir = path.join(folder, 'media');
  mkdirSync(mediaDir);
  let capturing = false;
  let captured = '';
  const clock = () => performance.now() / 1_000;

  let mark = clock();
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(folder, 'data'),
    port: await freePort(),
    database: 'portal_bench',
    log: (line) => {
      if (capturing) captured += `${line}\n`;
    },
  });
  const stop = async () => {
    await postgres.stop();
    rmSync(folder, { recursive: true, force: true });
  };
  const seconds = { start: clock() - mark, migrate: 0, demo: 0, archive: 0 };

  try {
    mark = clock();
    await applyMigrations(postgres.url);
    seconds.migrate = clock() - mark;

    // The image store reads MEDIA_DIR when it writes; the server gets the same folder.
    process.env.MEDIA_DIR = mediaDir;
    const prisma = bulkLoadClient(postgres.url);
    try {
      mark = clock();
      const demo = await seedDemoContent(prisma);
      seconds.demo = clock() - mark;
      options.log(`demo content: ${demo.articles} articles (${seconds.demo.toFixed(1)} s)`);
      mark = clock();
      const archive = await generateArchive(prisma, { count: options.articles, seed: options.seed });
      seconds.archive = clock() - mark;
      options.log(`generated archive: ${archive.articleIds.length} articles (${seconds.archive.toFixed(1)} s)`);
    } finally {
      await prisma.$disconnect();
    }
    await vacuumAnalyze(postgres.url);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url: postgres.url,
    mediaDir,
    logCapture: {
      start: () => {
        captured = '';
        capturing = true;
      },
      stop: () => {
        capturing = false;
        return captured;
      },
    },
    seconds,
    stop,
  };
}

/**
 * A client for loading the archive: the portal's own (lib/prisma-client.ts)
 * gives up on a statement after 5 s, which a batch of 200 articles can take on
 * a busy shared machine.
 */
function bulkLoadClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 4, statement_timeout: 120_000, query_timeout: 130_000 }) });
}

/**
 * What autovacuum does a minute or so after a bulk load, done at once so that
 * every run measures the same settled database: without it the planner knows
 * nothing about the full-text (GIN) index yet and searches scan every row.
 */
async function vacuumAnalyze(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('VACUUM (ANALYZE)');
  } finally {
    await client.end();
  }
}
