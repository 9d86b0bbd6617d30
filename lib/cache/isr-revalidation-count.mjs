// @ts-check

/*
 * How many times this process learnt that content changed (a revalidation
 * read from the database, lib/cache/revalidation-sync.ts). The portal server
 * reads the count to tell whether the pages it answers without Next.js are
 * still current (server/page-answers.ts). The count lives on globalThis
 * because Next.js loads the cache handler by itself, so the handler and the
 * bundled server each have their own copy of this module, in the same process.
 */

const KEY = Symbol.for('news-portal.isr-revalidations');

/** @type {Record<symbol, number | undefined>} */
const registry = /** @type {any} */ (globalThis);

export function countRevalidation() {
  registry[KEY] = (registry[KEY] ?? 0) + 1;
}

/** @returns {number} */
export function revalidationCount() {
  return registry[KEY] ?? 0;
}
