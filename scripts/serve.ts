// First, so that they take effect before Next.js renders anything (the bundle still
// evaluates external packages such as `next` before them; see scripts/lib/portal-server-bundle.ts).
import '../server/without-source-maps';
import '../server/abort-reasons-without-call-sites';
import { startPortalServer } from '../server/portal-server';

/**
 * Serves the production build (`next build`) on PORT/HOST with DATABASE_URL.
 * `npm start` runs this after preparing the database; tests run it directly.
 */
const port = Number(process.env.PORT ?? 3000);
// The address to listen on: `localhost`, `127.0.0.1` behind a proxy on the same machine, `0.0.0.0` for every interface.
const hostname = process.env.HOST ?? 'localhost';

const server = await startPortalServer({ port, hostname });
console.log(`[portal] Serving ${server.url}`);

const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
