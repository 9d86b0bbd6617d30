import path from 'node:path';
import { createPrismaClient } from '@/lib/prisma-client';
import { importMissingOriginals } from '@/lib/media/storage';
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
    // Originals from before they moved into the database are loaded on first request; those not requested yet are loaded now, so the backup has them.
    const prisma = createPrismaClient(database.url, 1);
    const imported = await importMissingOriginals(prisma).finally(() => prisma.$disconnect());
    const backup = await writeBackup(database.url, file ?? defaultFile(new Date()));
    console.log(`Backed up to ${backup.file}`);
    for (const line of tableCountLines(backup.tables)) console.log(line);
    const moved = imported > 0 ? ` (${imported} moved from the media folder ${path.resolve(mediaDir())} into the database first)` : '';
    console.log(`Images are in the backup: their originals are rows of media_original${moved}. Resized copies are made again on request.`);
    return 0;
  } finally {
    await database.stop();
  }
}

await runCli(main, 'Backup failed: ');
