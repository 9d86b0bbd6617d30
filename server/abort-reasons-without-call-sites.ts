/*
 * Imported by scripts/serve.ts, so that it runs before the first render. (In
 * the bundle the server runs as, packages such as `next` are imported, and so
 * evaluated, first; the patch is on the prototype and applies all the same.)
 *
 * V8 keeps the call sites of an Error's stack trace, each with its `this`
 * object, until someone reads `error.stack`; then it keeps only the text.
 * React aborts the cache signal of every finished render with an Error made
 * inside a setImmediate callback, and nobody reads it. Its call sites keep
 * that Immediate, the Immediate keeps its neighbours in Node's immediate
 * queue and the async-context stores of their renders, whose aborted signals
 * keep their own Errors, and so on: one long-lived object created during a
 * render (a pooled database connection, a module loaded on first request)
 * was enough to keep every later render reachable under sustained load
 * (`npm run soak` ran out of heap). Reading the stack of an abort reason
 * right after the abort turns it into text and cuts that chain.
 */
const abort = AbortController.prototype.abort;

AbortController.prototype.abort = function abortWithoutCallSites(this: AbortController, reason?: unknown): void {
  abort.call(this, reason);
  const settled: unknown = this.signal.reason;
  if (settled instanceof Error) void settled.stack;
};
