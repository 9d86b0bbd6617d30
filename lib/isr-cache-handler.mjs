// @ts-check
import { randomUUID } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import fileSystemCache from 'next/dist/server/lib/incremental-cache/file-system-cache.js';
import { countRevalidation } from './isr-revalidation-count.mjs';

/*
 * Next.js's own ISR cache (memory plus files under <distDir>/server), with
 * two things left out:
 *
 * - "Not found" pages. Articles and tags are rendered on first request
 *   (generateStaticParams returns nothing), so every unknown slug a crawler
 *   or an attacker tries would otherwise leave a 404 entry of about 40 KB on
 *   disk and in memory, without limit. A 404 is cheap to render again, and
 *   not storing it also means a slug that comes into being later is never
 *   hidden behind a cached 404.
 * - A page's React Server Components payloads: the one for client-side
 *   navigation (`.rsc`) and the per-segment ones for prefetching. Only
 *   Next.js's client router asks for them, when a <Link> is followed or
 *   prefetched. The portal's links are plain <a> elements (every page is a
 *   document of its own), and server/request-guard.ts drops the headers
 *   that make such requests from every request that reaches us, so nothing
 *   can ask for them. Of an article entry's 165 KB they were 42 + 48 KB;
 *   the HTML (with the payload inline that hydration needs) stays whole.
 *   So the memory part of the cache holds about twice as many pages, and a
 *   render writes and a hit from disk reads three files instead of seven
 *   in two folders. The RSC payload is kept as an empty file, since Next.js counts
 *   an entry without it as missing. Whoever adds client-side navigation
 *   must take this out together with the header filter.
 *
 * Pages are kept on disk only, not in the memory part of the cache. The
 * portal server answers repeated requests for a page by itself
 * (server/page-answers.ts), so a page reaches Next.js's cache about once a
 * minute. In memory, as two-byte strings, they took up to twice the budget
 * in heap (about 100 MB more peak memory, bench/causes.md); the budget now
 * holds what renders read again and again, the cached queries
 * (`unstable_cache`). With less in the heap V8 collects more often, which
 * the server's heap settings make up for (scripts/lib/portal-server-command.ts).
 * Without the memory copy, a reader could be sent a page file that a render
 * was still writing, so files are written whole: to a temporary name, then
 * renamed over the old one.
 *
 * And it counts revalidations, so that the portal server drops the pages it
 * answers by itself when content changes (server/page-answers.ts).
 *
 * Plain JavaScript because Next.js loads it at run time, outside the build.
 * It extends an internal class of Next.js: the fuzz test
 * (tests/e2e/hardening-fuzz.test.ts) measures the cache folder and fails
 * if an upgrade changes what this relies on, and tests/e2e/caching.test.ts
 * checks what an article's entry holds.
 */

/** @type {typeof import('next/dist/server/lib/incremental-cache/file-system-cache').default} */
const FileSystemCache = /** @type {any} */ (fileSystemCache).default ?? fileSystemCache;

const EMPTY = Buffer.alloc(0);

/** @param {string} file @param {string | Buffer} data */
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

/** The memory store is one per process, made by the first cache instance; it is changed once. */
let pagesLeftOutOfMemory = false;

function leavePagesOutOfMemory() {
  const memory = FileSystemCache.memoryCache;
  if (!memory || pagesLeftOutOfMemory) return;
  pagesLeftOutOfMemory = true;
  const set = memory.set.bind(memory);
  memory.set = (key, entry) => {
    if (entry?.value?.kind !== 'APP_PAGE') set(key, entry);
  };
}

export default class PortalIsrCache extends FileSystemCache {
  /** @param {ConstructorParameters<typeof FileSystemCache>[0]} ctx */
  constructor(ctx) {
    super(ctx);
    this.fs = { ...this.fs, writeFile: writeWhole };
    leavePagesOutOfMemory();
  }

  /** @type {FileSystemCache['set']} */
  async set(key, data, ctx) {
    if (data && data.kind === 'APP_PAGE') {
      if (data.status === 404) return;
      return super.set(key, { ...data, rscData: EMPTY, segmentData: undefined }, ctx);
    }
    return super.set(key, data, ctx);
  }

  /** @type {FileSystemCache['revalidateTag']} */
  async revalidateTag(tags, durations) {
    await super.revalidateTag(tags, durations);
    // After the tags are marked: a page kept before this count is older than the mark.
    countRevalidation();
  }
}
