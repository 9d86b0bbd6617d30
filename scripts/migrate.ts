import { prepareDatabase } from './lib/database';
import { runCli } from './lib/run-cli';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database). */
async function main(): Promise<number> {
  // Which database and what was applied go to standard error, as with the other CLIs.
  const database = await prepareDatabase((line) => console.error(line));
  console.log('Database is up to date.');
  await database.stop();
  return 0;
}

await runCli(main, 'Migration failed: ');
