import path from 'node:path';
import { mediaDir } from '@/lib/site-config';
import { tableCountLines, writeBackup } from './lib/backup';
import { PROJECT_ROOT, prepareDatabase } from './lib/database';
import { runCli } from './lib/run-cli';

/*
 * `npm run db:backup [file]`: writes every row of the configured database to
 * a compressed file (default backups/news-portal-<UTC time>.jsonl.gz). Standard
 * output carries the result; database start-up messages go to standard error.
 */

const USAGE = 'usage: npm run db:backup [file]';

function defaultFile(now: Date): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
  return path.join(PROJECT_ROOT, 'backups', `news-portal-${stamp}.jsonl.gz`);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const [file, ...extra] = args;
  if (extra.length > 0 || file?.startsWith('-')) {
    console.error(USAGE);
    return 2;
  }
  const database = await prepareDatabase((line) => console.error(line));
  try {
    const backup = await writeBackup(database.url, file ?? defaultFile(new Date()));
    console.log(`Backed up to ${backup.file}`);
    for (const line of tableCountLines(backup.tables)) console.log(line);
    console.log(`Media files are not in the backup: copy the media folder (${path.resolve(mediaDir())}) alongside it.`);
    return 0;
  } finally {
    await database.stop();
  }
}

await runCli(main, 'Backup failed: ');
