// The real package runs the event streams of a local Prisma Postgres server
// (`prisma init` without a database URL). The portal never starts one, and the
// real package needs Node 22's node:sqlite, so the override in package.json puts
// this stand-in in its place to keep `npm ci` on Node 20 free of EBADENGINE.
export async function startLocalDurableStreamsServer() {
  throw new Error(
    'This project replaces @prisma/streams-local with a stand-in (package.json "overrides", see README.md): ' +
      'it does not run a local Prisma Postgres server. Use `npm start`, which starts its own PostgreSQL.',
  );
}
