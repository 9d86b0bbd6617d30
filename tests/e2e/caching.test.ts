import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { untilServedFromCache } from './served-from-cache';

const baseUrl = inject('baseUrl');
const ARTICLE = '/de/artikel/anti-terror-koalition-beraet-per-videokonferenz';
/** Where Next.js keeps ARTICLE's entry (its internal route), in the test build's ISR cache. */
const ARTICLE_ENTRY = path.join('de', 'article', 'anti-terror-koalition-beraet-per-videokonferenz');
const ROUTE_CACHE = path.resolve(import.meta.dirname, '..', '..', inject('distDir'), 'server', 'route-cache', 'APP_PAGE');
const ATTEMPTS = 3;

/** The page as the cache answers it, once other tests' writes have let it be kept (served-from-cache.ts). */
const cachedAnswer = (path: string) => untilServedFromCache(() => fetch(`${baseUrl}${path}`));

describe('ISR cache', () => {
  it('answers a repeated request for an article from the cache', async () => {
    const second = await cachedAnswer(ARTICLE);
    expect(second.status).toBe(200);
    expect(second.headers.get('x-nextjs-cache')).toMatch(/HIT|STALE/);
    expect(second.headers.get('cache-control')).toMatch(/s-maxage=\d+/);
  });

  it('answers a revalidation of a cached page with its ETag by 304 and no body', async () => {
    for (let attempt = 1; ; attempt++) {
      const page = await cachedAnswer(ARTICLE);
      const etag = page.headers.get('etag');
      expect(etag).toMatch(/^"[\w-]+"$/);
      const revalidated = await fetch(`${baseUrl}${ARTICLE}`, { headers: { 'if-none-match': etag ?? '' } });
      // A write elsewhere may re-render the page in between: then it comes whole, with another tag or none.
      const reRendered = revalidated.status === 200 && revalidated.headers.get('etag') !== etag;
      if (reRendered && attempt < ATTEMPTS) continue;
      expect(revalidated.status).toBe(304);
      expect(await revalidated.text()).toBe('');
      break;
    }
    const otherTag = await fetch(`${baseUrl}${ARTICLE}`, { headers: { 'if-none-match': '"another"' } });
    expect(otherTag.status).toBe(200);
    expect(await otherTag.text()).toContain('<h1');
  });

  it('keeps an article’s HTML, not the RSC payloads only a client router asks for (lib/cache/isr-cache-handler.mjs)', async () => {
    const page = await cachedAnswer(ARTICLE);
    expect(page.headers.get('x-nextjs-cache')).toMatch(/HIT|STALE/);
    // The payload hydration needs is inside the page.
    expect(await page.text()).toContain('self.__next_f.push');
    // One folder per build's route namespace; the test build has its own.
    const [html, ...others] = readdirSync(ROUTE_CACHE)
      .map((namespace) => path.join(ROUTE_CACHE, namespace, '$', `${ARTICLE_ENTRY}.html`))
      .filter((file) => existsSync(file));
    expect(others).toEqual([]);
    if (!html) throw new Error(`no cache entry for ${ARTICLE_ENTRY} under ${ROUTE_CACHE}`);
    expect(statSync(html).size).toBeGreaterThan(10_000);
    expect(statSync(html.replace(/\.html$/, '.rsc')).size).toBe(0);
    expect(existsSync(html.replace(/\.html$/, '.segments'))).toBe(false);
  });

  for (const pagePath of ['/de', '/en', '/de/schlagwort/irak', '/en/tag/iraq', '/de?page=2']) {
    it(`serves ${pagePath} from the cache once it has been rendered`, async () => {
      const second = await cachedAnswer(pagePath);
      expect(second.status).toBe(200);
      expect(second.headers.get('x-nextjs-cache')).toMatch(/HIT|STALE/);
    });
  }
});
