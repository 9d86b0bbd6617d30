/*
 * Imported first by scripts/serve.ts. tsx switches on Node's source-map
 * support so that stack traces point into TypeScript; in the production
 * server that makes Node read and keep the source map of every Next.js chunk
 * it loads, and Next.js parse those maps again, into structures it keeps,
 * whenever it logs an error, which anyone can cause with a malformed form
 * post. Stack traces in the server's log point into the built files instead.
 */
process.setSourceMapsEnabled(false);
