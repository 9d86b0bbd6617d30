import { ContentError } from '@/lib/content/content-error';
import { importContent } from '@/lib/content/import-content';
import { runDatabaseCli, type DatabaseCommand } from './lib/run-database-cli';

/*
 * `npm run content -- import <file-or-folder> …`: imports articles and tags
 * (JSON in the API's shape) in one transaction. The import records which
 * pages it made stale in that transaction, and every running portal server
 * hears of it at commit (lib/content/record-revalidation.ts).
 */

const USAGE = 'usage: npm run content -- import <file-or-folder> [more …]';

function parseCommand(args: string[]): DatabaseCommand | null {
  const [command, ...targets] = args;
  if (command !== 'import' || targets.length === 0) return null;
  return async (prisma) => {
    const result = await importContent(prisma, targets);
    console.log(`Imported ${result.articles} article(s) and ${result.tags} tag(s); running portals show them now.`);
    return 0;
  };
}

/** Every problem of a refused import, each naming its file and field. */
function explainRefusal(error: unknown): string[] | null {
  if (!(error instanceof ContentError)) return null;
  return ['Nothing was imported:', ...error.problems.map((problem) => `  ${problem.path}: ${problem.message}`)];
}

await runDatabaseCli(USAGE, parseCommand, { explain: explainRefusal });
