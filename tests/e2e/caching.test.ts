import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { untilServedFromCache } from './served-from-cache';

const baseUrl = inject('baseUrl');
const ARTICLE = '/de/artikel/anti-terror-koalition-beraet-per-videokonferenz';
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

  for (const path of ['/de', '/en', '/de/schlagwort/irak', '/en/tag/iraq', '/de?page=2']) {
    it(`serves ${path} from the cache once it has been rendered`, async () => {
      const second = await cachedAnswer(path);
      expect(second.status).toBe(200);
      expect(second.headers.get('x-nextjs-cache')).toMatch(/HIT|STALE/);
    });
  }
});
