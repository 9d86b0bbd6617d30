import { prepareDatabase } from './lib/database';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database). */
const database = await prepareDatabase((line) => console.log(line));
console.log('Database is up to date.');
await database.stop();
