// @ts-check
import fileSystemCache from 'next/dist/server/lib/incremental-cache/file-system-cache.js';

/*
 * Next.js's own ISR cache (memory plus files under <distDir>/server), except
 * that it never stores a "not found" page. Articles and tags are rendered on
 * first request (generateStaticParams returns nothing), so every unknown
 * slug a crawler or an attacker tries would otherwise leave a 404 entry of
 * about 40 KB on disk and in memory, without limit. A 404 is cheap to
 * render again, and not storing it also means a slug that comes into being
 * later is never hidden behind a cached 404.
 *
 * Plain JavaScript because Next.js loads it at run time, outside the build.
 * It extends an internal class of Next.js: the fuzz test
 * (tests/e2e/hardening-fuzz.test.ts) measures the cache folder and fails
 * if an upgrade changes what this relies on.
 */

/** @type {typeof import('next/dist/server/lib/incremental-cache/file-system-cache').default} */
const FileSystemCache = /** @type {any} */ (fileSystemCache).default ?? fileSystemCache;

export default class PortalIsrCache extends FileSystemCache {
  /** @type {FileSystemCache['set']} */
  async set(key, data, ctx) {
    if (data && data.kind === 'APP_PAGE' && data.status === 404) return;
    return super.set(key, data, ctx);
  }
}
