import { restoreBackup, tableCountLines } from './lib/backup';
import { prepareDatabase } from './lib/database';
import { runCli } from './lib/run-cli';

/*
 * `npm run db:restore <file>`: loads a backup made by `npm run db:backup` into
 * the configured database, which must be empty; nothing is written unless
 * every row is. Standard output carries the result; database start-up
 * messages go to standard error.
 */

const USAGE = 'usage: npm run db:restore <file>';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const [file, ...extra] = args;
  if (file === undefined || extra.length > 0 || file.startsWith('-')) {
    console.error(USAGE);
    return 2;
  }
  const database = await prepareDatabase((line) => console.error(line));
  try {
    const restored = await restoreBackup(database.url, file);
    console.log(`Restored ${restored.file} (backup of ${restored.header.createdAt})`);
    for (const line of tableCountLines(restored.tables)) console.log(line);
    console.log('Images are in the backup and restored with it; resized copies are made again on request.');
    return 0;
  } finally {
    await database.stop();
  }
}

await runCli(main, 'Nothing was restored: ');
