// First, so that they take effect before Next.js renders anything (the bundle still
// evaluates external packages such as `next` before them; see scripts/lib/portal-server-bundle.ts).
import '../server/without-source-maps';
import '../server/abort-reasons-without-call-sites';
import { startPortalServer, type PortalServer } from '../server/portal-server';

/**
 * Serves the production build (`next build`) on PORT/HOST with DATABASE_URL.
 * `npm start` runs this after preparing the database; tests run it directly.
 *
 * SIGTERM or SIGINT, or the end of the IPC channel when the parent that
 * opened one (start.ts) is gone, drain the server (server/graceful-close.ts)
 * and exit 0. A port already in use ends it with one line and exit code 1.
 */
const port = Number(process.env.PORT ?? 3000);
// The address to listen on: `localhost`, `127.0.0.1` behind a proxy on the same machine, `0.0.0.0` for every interface.
const hostname = process.env.HOST ?? 'localhost';
/** The drain gives up at 6.5 s (server/portal-server.ts); whatever else hangs ends here, within the 10 s `docker stop` waits. */
const HARD_DEADLINE_MS = 7_500;

let server: PortalServer | null = null;
let stopping = false;

function stop(): void {
  if (stopping) return;
  stopping = true;
  // Before the server listens there is nothing in flight to wait for.
  if (!server) process.exit(0);
  setTimeout(() => {
    console.error('[portal] the server did not stop within 7.5 s; exiting anyway');
    process.exit(1);
  }, HARD_DEADLINE_MS).unref();
  void server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`[portal] stopping failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}

process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('disconnect', stop);

try {
  server = await startPortalServer({ port, hostname });
} catch (error) {
  if (!(error instanceof Error && 'code' in error && error.code === 'EADDRINUSE')) throw error;
  console.error(`[portal] Port ${port} on ${hostname} is already in use; set PORT to another one.`);
  process.exit(1);
}
console.log(`[portal] Serving ${server.url}`);
