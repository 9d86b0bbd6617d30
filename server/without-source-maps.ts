/*
 * Imported first by scripts/serve.ts. With source-map support switched on
 * (tsx does, and so does `--enable-source-maps` in an operator's
 * NODE_OPTIONS), Node reads and keeps the source map of every Next.js chunk
 * it loads, and Next.js parses those maps again, into structures it keeps,
 * whenever it logs an error, which anyone can cause with a malformed form
 * post. Stack traces in the server's log point into the built files instead.
 */
process.setSourceMapsEnabled(false);
