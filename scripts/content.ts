import { createPrismaClient } from '@/lib/prisma-client';
import { ContentError } from '@/lib/content/content-error';
import { importContent } from '@/lib/content/import-content';
import { prepareDatabase } from './lib/database';
import { runCli } from './lib/run-cli';

/*
 * `npm run content -- import <file-or-folder> …`: imports articles and tags
 * (JSON in the API's shape) in one transaction. The import records which
 * pages it made stale in that transaction, and every running portal server
 * hears of it at commit (lib/content/record-revalidation.ts).
 */

const USAGE = 'usage: npm run content -- import <file-or-folder> [more …]';

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
    console.log(`Imported ${result.articles} article(s) and ${result.tags} tag(s); running portals show them now.`);
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
