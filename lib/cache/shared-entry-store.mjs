// @ts-check

/*
 * Where the ISR cache handler finds a cache that several instances share
 * (Redis, lib/cache/redis-entry-store.ts), if the portal server set one up.
 * A slot on globalThis, because Next.js bundles the handler on its own and
 * the handler must not hold a client of its own (docs/architecture.md).
 */

/**
 * @typedef {{
 *   read: (key: string) => Promise<string | null>,
 *   write: (key: string, text: string) => Promise<void>,
 *   remove: (key: string) => Promise<void>,
 * }} SharedEntryStore
 */

const KEY = Symbol.for('news-portal.shared-entry-store');
/** @type {Record<symbol, SharedEntryStore | undefined>} */
const registry = /** @type {any} */ (globalThis);

/** @param {SharedEntryStore} store */
export function provideSharedEntryStore(store) {
  registry[KEY] = store;
}

/** @returns {SharedEntryStore | null} */
export function sharedEntryStore() {
  return registry[KEY] ?? null;
}
