import { createPrismaClient } from '@/lib/prisma-client';
import { ContentError } from '@/lib/content/content-error';
import { importContent } from '@/lib/content/import-content';
import { prepareDatabase } from './lib/database';
import { runCli } from './lib/run-cli';

/*
 * `npm run content -- import <file-or-folder> …`: imports articles and tags
 * (JSON in the API's shape) in one transaction. When PORTAL_URL and
 * REVALIDATE_SECRET are set, the running portal is told which pages changed.
 */

const USAGE = 'usage: npm run content -- import <file-or-folder> [more …]';

async function notifyPortal(cacheTags: string[]): Promise<void> {
  const portal = process.env.PORTAL_URL;
  const secret = process.env.REVALIDATE_SECRET;
  if (!portal || !secret) {
    console.log('PORTAL_URL/REVALIDATE_SECRET not set: a running portal shows the change within 5 minutes.');
    return;
  }
  const response = await fetch(new URL('/api/revalidate', portal), {
    method: 'POST',
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ tags: cacheTags }),
  });
  if (!response.ok) throw new Error(`the portal refused the revalidation (HTTP ${response.status})`);
  console.log('The portal shows the change now.');
}

async function main(): Promise<number> {
  const [command, ...targets] = process.argv.slice(2);
  if (command !== 'import' || targets.length === 0) {
    console.error(USAGE);
    return 2;
  }
  // Standard error, like the other CLIs: standard output carries the import's result.
  const database = await prepareDatabase((line) => console.error(line));
  const prisma = createPrismaClient(database.url, 2);
  try {
    const result = await importContent(prisma, targets);
    console.log(`Imported ${result.articles} article(s) and ${result.tags} tag(s).`);
    await notifyPortal(result.cacheTags);
    return 0;
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    console.error('Nothing was imported:');
    for (const problem of error.problems) console.error(`  ${problem.path}: ${problem.message}`);
    return 1;
  } finally {
    await prisma.$disconnect();
    await database.stop();
  }
}

await runCli(main);
