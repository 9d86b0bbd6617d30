import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { untilServedFromCache } from './served-from-cache';
import { cacheFolders, entriesIn } from './isr-cache-entries';

const baseUrl = inject('baseUrl');
const ARTICLE = '/de/artikel/anti-terror-koalition-beraet-per-videokonferenz';
/** How ARTICLE's entry key ends (its internal route), in the test build's ISR cache. */
const ARTICLE_ENTRY = '/de/article/anti-terror-koalition-beraet-per-videokonferenz';

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

  it('keeps an article’s HTML with its cache tags, not the RSC payloads only a client router asks for (lib/cache/isr-cache-handler.mjs)', async () => {
    const page = await cachedAnswer(ARTICLE);
    expect(page.headers.get('x-nextjs-cache')).toMatch(/HIT|STALE/);
    // The payload hydration needs is inside the page.
    expect(await page.text()).toContain('self.__next_f.push');
    // One folder for this build and this database.
    const folders = cacheFolders(inject('distDir'));
    expect(folders).toHaveLength(1);
    const entries = entriesIn(folders[0] ?? '').filter((entry) => entry.value.kind === 'APP_PAGE' && entry.key.endsWith(ARTICLE_ENTRY));
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry?.value.html?.length).toBeGreaterThan(10_000);
    expect(entry?.value.rscData).toEqual({ $buffer: '' });
    expect(entry?.value.segmentData).toBeUndefined();
    expect(entry?.tags).toEqual(expect.arrayContaining([expect.stringMatching(/^article:\d+$/), 'slug:de:anti-terror-koalition-beraet-per-videokonferenz']));
    expect(entry?.stamp).toEqual(expect.any(Number));
  });

  for (const pagePath of ['/de', '/en', '/de/schlagwort/irak', '/en/tag/iraq', '/de/seite/2', '/de/reden']) {
    it(`serves ${pagePath} from the cache once it has been rendered`, async () => {
      const second = await cachedAnswer(pagePath);
      expect(second.status).toBe(200);
      expect(second.headers.get('x-nextjs-cache')).toMatch(/HIT|STALE/);
    });
  }
});
