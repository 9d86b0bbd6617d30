// @ts-check
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LRUCache } from 'lru-cache';
import { isStaleAt, recordRevalidationNow, refreshAfterCommit, revalidationsLoaded, revalidationState } from './revalidation-state.mjs';
import { sharedEntryStore } from './shared-entry-store.mjs';

/*
 * The ISR cache, on Next.js's documented cache handler interface (get, set,
 * revalidateTag, resetRequestCache). Entries are files under
 * <distDir>/cache/portal-isr/<build id>-<database id>/, so a new build or
 * another database (a restore, an empty one) starts with an empty cache.
 * What `next build` prerenders (status pages, the not-found page: nothing
 * read from a database) goes to <distDir>/server/portal-isr-build/, part of
 * the build, and is served for any database until a render replaces it.
 *
 * Whether an entry is stale is decided here, not by Next.js's in-memory tag
 * list: each entry keeps its tags and the revalidation number its render was
 * stamped with, and lib/cache/revalidation-state.mjs holds the numbers the
 * database has recorded for each tag. So a restart, a crash or another
 * process's write never brings back what a write made stale.
 *
 * Left out, as before: "not found" answers (anyone can make up endless
 * unknown URLs; a 404 is cheap to render) and answers of 500 and above (the
 * good copy stays). A page's RSC payloads are stored empty: only Next.js's
 * client router asks for them, and server/request-guard.ts drops the headers
 * that would (sizes: bench/causes.md, "Cached article pages").
 *
 * Cached queries (unstable_cache) are also kept in memory, within
 * cacheMaxMemorySize; pages are read from their file, because the portal
 * server answers repeated requests for them itself (server/page-answers.ts).
 *
 * With several instances (REDIS_URL), every entry is also written to the
 * shared cache, and a lookup that finds no current copy on disk asks it: a
 * page rendered by one instance is a hit on the others. The disk copy stays
 * first, so a hit costs no network round trip, and an instance whose shared
 * cache is away keeps serving and storing its own copies.
 *
 * Plain JavaScript, since Next.js bundles and loads it by itself, with no
 * database client of its own: the portal server keeps the revalidation
 * state current (lib/cache/revalidation-sync.ts). Without it (`next start`
 * alone) nothing is served from this cache.
 */

/** How long a request waits for the revalidation state when the server has just started; then it renders. */
const LOAD_WAIT_MS = 2_000;
/** A render begins right after the lookup that missed; a note of that lookup older than this belongs to no render. */
const PENDING_STAMP_MS = 120_000;
/** Stale pages served while the database is away are logged once per page per this time. */
const STALE_WARNING_MS = 60_000;
const TAGS_HEADER = 'x-next-cache-tags';
const EMPTY = Buffer.alloc(0);

const building = process.env.NEXT_PHASE === 'phase-production-build';

/** @typedef {import('next/dist/server/lib/incremental-cache').CacheHandlerContext} HandlerContext */
/** @typedef {import('next/dist/server/lib/incremental-cache').CacheHandlerValue} HandlerValue */
/** @typedef {NonNullable<HandlerValue['value']>} CachedValue */
/** @typedef {{ key: string, lastModified: number, stamp: number, tags: string[], cacheControl?: HandlerValue['cacheControl'], value: CachedValue }} StoredEntry */

/**
 * The revalidation number each key's lookup saw, until the render it started
 * stores its result. Bounded, since anyone can make up URLs: a key pushed out
 * is stored with stamp 0, stale at the next write that touches its tags.
 * @type {LRUCache<string, { stamp: number, at: number }>}
 */
const pendingStamps = new LRUCache({ max: 50_000 });
/** @type {Map<string, number>} */
const staleWarnings = new Map();
/** @type {LRUCache<string, { entry: StoredEntry, size: number }> | null} */
let queries = null;
/** @type {string | null} */
let buildId = null;
/** @type {string | null} */
let clearedBesides = null;

/** @param {string} serverDistDir @returns {string | null} */
function readBuildId(serverDistDir) {
  try {
    return readFileSync(path.join(serverDistDir, '..', 'BUILD_ID'), 'utf8').trim();
  } catch {
    console.warn(`[portal] no build id beside ${serverDistDir}: the ISR cache is off`);
    return null;
  }
}

/** Buffers and Maps survive JSON as tagged objects. @param {string} key @param {unknown} value @this {any} */
function encode(key, value) {
  const original = this[key];
  if (Buffer.isBuffer(original)) return { $buffer: original.toString('base64') };
  if (original instanceof Map) return { $map: [...original] };
  return value;
}

/** @param {string} _key @param {any} value */
function decode(_key, value) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    if (typeof value.$buffer === 'string') return Buffer.from(value.$buffer, 'base64');
    if (Array.isArray(value.$map)) return new Map(value.$map);
  }
  return value;
}

/** @param {string} file @param {string} data */
async function writeWhole(file, data) {
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, data);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** @param {CachedValue} value @param {any} ctx @returns {string[]} */
function tagsOf(value, ctx) {
  if (value.kind === 'FETCH') return [...(ctx?.tags ?? [])];
  const header = 'headers' in value ? value.headers?.[TAGS_HEADER] : undefined;
  return typeof header === 'string' && header !== '' ? header.split(',') : [];
}

/** @param {CachedValue} value */
function shouldStore(value) {
  if (value.kind !== 'APP_PAGE' && value.kind !== 'APP_ROUTE') return true;
  const status = value.status ?? 200;
  return status !== 404 && status < 500;
}

/** @param {CachedValue} value @returns {CachedValue} */
function forStorage(value) {
  return value.kind === 'APP_PAGE' ? { ...value, rscData: EMPTY, segmentData: undefined } : value;
}

/** Whether an entry is out of date: one of its tags (or the lookup's) was revalidated after its render began. @param {StoredEntry} entry @param {any} ctx */
function isStale(entry, ctx) {
  return isStaleAt([...entry.tags, ...(ctx?.tags ?? []), ...(ctx?.softTags ?? [])], entry.stamp);
}

/** The shared cache's key for an entry file: its folder (build and database) and name. @param {string} file */
function sharedKey(file) {
  return `${path.basename(path.dirname(file))}/${path.basename(file, '.json')}`;
}

/** @param {StoredEntry} entry @returns {HandlerValue} */
function handlerValue(entry) {
  return { lastModified: entry.lastModified, value: entry.value, cacheControl: entry.cacheControl };
}

/**
 * Notes that a render of `key` may begin now, having seen `stamp`. When an
 * earlier one may still be running, the older number counts: stamping older
 * is only ever safe.
 * @param {string} key @param {number} stamp
 */
function notePendingStamp(key, stamp) {
  const now = Date.now();
  const noted = pendingStamps.get(key);
  if (noted && now - noted.at < PENDING_STAMP_MS) return;
  pendingStamps.set(key, { stamp, at: now });
}

/** Whether Next.js will render the entry again in the background (its time-based refresh is due). @param {StoredEntry} entry */
function isDueForRefresh(entry) {
  const value = /** @type {{ revalidate?: unknown }} */ (entry.value);
  const seconds = entry.cacheControl?.revalidate ?? value.revalidate;
  return typeof seconds === 'number' && Date.now() - entry.lastModified > seconds * 1000;
}

/** @param {string} key @returns {number} */
function takePendingStamp(key) {
  const noted = pendingStamps.get(key);
  pendingStamps.delete(key);
  // Stored without a lookup before it (never seen): stale as soon as any of its tags was ever revalidated.
  return noted && Date.now() - noted.at < PENDING_STAMP_MS ? noted.stamp : 0;
}

/** @param {string} key */
function warnStale(key) {
  const now = Date.now();
  if (now - (staleWarnings.get(key) ?? 0) < STALE_WARNING_MS) return;
  staleWarnings.set(key, now);
  console.warn(`[portal] database unreachable: serving the last good copy of ${key}, which a write has made stale`);
}

/** Removes the caches of other builds and databases in the background; each start has one of its own. @param {string} root @param {string} current */
function clearOthers(root, current) {
  if (clearedBesides === current) return;
  clearedBesides = current;
  void readdir(root)
    .then((names) => Promise.all(names.filter((name) => name !== current).map((name) => rm(path.join(root, name), { recursive: true, force: true }))))
    .catch(() => undefined);
}

export default class PortalIsrCache {
  /** @param {HandlerContext} ctx */
  constructor(ctx) {
    // Some of Next.js's own lookups construct the handler without a folder; the build's is the same one.
    const serverDistDir = ctx.serverDistDir ?? path.resolve(process.env.NEXT_DIST_DIR ?? '.next', 'server');
    this.root = path.join(serverDistDir, '..', 'cache', 'portal-isr');
    this.buildFolder = path.join(serverDistDir, 'portal-isr-build');
    this.inert = !building && !process.env.DATABASE_URL;
    if (this.inert || building) return;
    buildId ??= readBuildId(serverDistDir);
    // Never throw here: a handler that cannot be made breaks every route, not only the cache.
    if (buildId === null) {
      this.inert = true;
      return;
    }
    queries ??= new LRUCache({ maxSize: Math.max(1, ctx.maxMemoryCacheSize ?? 32 * 1024 * 1024), sizeCalculation: ({ size }) => Math.max(1, size) });
  }

  /** The folder of this build's and this database's entries, or null while the database is not known. */
  folder() {
    if (building) return this.buildFolder;
    const { databaseId } = revalidationState();
    if (databaseId === null || buildId === null) return null;
    const name = `${buildId}-${databaseId}`;
    clearOthers(this.root, name);
    return path.join(this.root, name);
  }

  /** @param {string} folder @param {string} key */
  fileOf(folder, key) {
    return path.join(folder, `${createHash('sha256').update(key).digest('hex')}.json`);
  }

  /** @param {string} file @returns {Promise<StoredEntry | null>} */
  async read(file) {
    const remembered = queries?.get(file);
    if (remembered) return remembered.entry;
    try {
      const text = await readFile(file, 'utf8');
      /** @type {StoredEntry} */
      const entry = JSON.parse(text, decode);
      if (entry.value.kind === 'FETCH') queries?.set(file, { entry, size: text.length });
      return entry;
    } catch {
      return null;
    }
  }

  /** @param {string} key @param {any} ctx @returns {Promise<HandlerValue | null>} */
  async get(key, ctx) {
    if (this.inert) return null;
    if (building) {
      const prerendered = await this.read(this.fileOf(this.buildFolder, key));
      return prerendered && handlerValue(prerendered);
    }
    if (!(await revalidationsLoaded(LOAD_WAIT_MS))) return null;
    const folder = this.folder();
    if (folder === null) return null;
    // Taken before anything is read: a render that follows this lookup began no earlier.
    const stamp = revalidationState().watermark;
    const file = this.fileOf(folder, key);
    let entry = (await this.read(file)) ?? (await this.read(this.fileOf(this.buildFolder, key)));
    if (entry?.key !== key) entry = null;
    if (!entry || isStale(entry, ctx)) {
      // Another instance may have rendered it since (a shared cache, lib/cache/redis-entry-store.ts).
      const shared = await this.readShared(file, key);
      if (shared && !isStale(shared, ctx)) {
        entry = shared;
        await this.keepLocally(folder, file, shared);
      }
    }
    // Only lookups a render follows note a stamp; plain hits must not leave an old number for a later render.
    if (!entry) {
      notePendingStamp(key, stamp);
      return null;
    }
    if (isStale(entry, ctx)) {
      // Re-rendering now would fail: readers get the last good page rather than an error page.
      if (entry.value.kind === 'FETCH' || revalidationState().connected) {
        notePendingStamp(key, stamp);
        return null;
      }
      warnStale(key);
    }
    if (isDueForRefresh(entry)) notePendingStamp(key, stamp);
    return handlerValue(entry);
  }

  /** The entry another instance stored for `key`, or null (none, no shared cache, or it is unreachable). @param {string} file @param {string} key */
  async readShared(file, key) {
    const store = sharedEntryStore();
    if (!store) return null;
    const text = await store.read(sharedKey(file)).catch(() => null);
    if (text === null) return null;
    try {
      /** @type {StoredEntry} */
      const entry = JSON.parse(text, decode);
      return entry.key === key ? entry : null;
    } catch {
      return null;
    }
  }

  /** @param {string} folder @param {string} file @param {StoredEntry} entry */
  async keepLocally(folder, file, entry) {
    const text = JSON.stringify(entry, encode);
    await mkdir(folder, { recursive: true });
    await writeWhole(file, text);
    if (entry.value.kind === 'FETCH') queries?.set(file, { entry, size: text.length });
  }

  /** @param {string} key @param {CachedValue | null} data @param {any} ctx */
  async set(key, data, ctx) {
    if (this.inert) return;
    const folder = this.folder();
    const stamp = takePendingStamp(key);
    if (folder === null || !data) return;
    const file = this.fileOf(folder, key);
    const store = sharedEntryStore();
    if (!shouldStore(data)) {
      // A page that is now "not found" must not leave its old copy behind; an error leaves the good copy.
      if (data.kind === 'APP_PAGE' && data.status === 404) {
        await rm(file, { force: true });
        await store?.remove(sharedKey(file)).catch(() => undefined);
      }
      return;
    }
    const value = forStorage(data);
    /** @type {StoredEntry} */
    const entry = { key, lastModified: Date.now(), stamp, tags: tagsOf(value, ctx), cacheControl: ctx?.cacheControl, value };
    await this.keepLocally(folder, file, entry);
    // Shared when there is a shared cache; without it (Redis away) every instance still has its own copy.
    await store?.write(sharedKey(file), JSON.stringify(entry, encode)).catch(() => undefined);
  }

  /**
   * Next.js's revalidateTag and revalidatePath land here; content writes
   * record their tags themselves, in their own transaction
   * (lib/content/record-revalidation.ts).
   * @param {string | string[]} tags
   */
  async revalidateTag(tags) {
    if (this.inert) return;
    const list = Array.isArray(tags) ? tags : [tags];
    try {
      if (!(await recordRevalidationNow(list))) console.warn('[portal] a cache revalidation was not recorded: no portal server keeps the cache state here');
    } catch (error) {
      console.error('[portal] could not record a cache revalidation in the database; it holds in this process only:', error);
      await refreshAfterCommit(list);
    }
  }

  resetRequestCache() {}
}

