import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';

const baseUrl = inject('baseUrl');
const ARTICLE = '/de/artikel/anti-terror-koalition-beraet-per-videokonferenz';
const ATTEMPTS = 3;

/** Lets the delayed second revalidation of another test's write (1.5 s, lib/revalidate-content.ts) pass. */
const waitForDelayedRevalidation = () => new Promise((resolve) => setTimeout(resolve, 2_000));

/**
 * Requests `path` twice and returns the second answer. Other test files write articles
 * while this one runs, and every write revalidates the listings and its article, once at
 * once and once more 1.5 s later (lib/revalidate-content.ts). Should such a revalidation
 * fall between the two requests, the pair is tried again after the delayed one has passed;
 * a page the cache never keeps still fails every attempt.
 */
async function secondRequest(path: string): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    await fetch(`${baseUrl}${path}`);
    const second = await fetch(`${baseUrl}${path}`);
    if (/HIT|STALE/.test(second.headers.get('x-nextjs-cache') ?? '') || attempt === ATTEMPTS) return second;
    await waitForDelayedRevalidation();
  }
}

describe('ISR cache', () => {
  it('answers a repeated request for an article from the cache', async () => {
    const second = await secondRequest(ARTICLE);
    expect(second.status).toBe(200);
    expect(second.headers.get('x-nextjs-cache')).toMatch(/HIT|STALE/);
    expect(second.headers.get('cache-control')).toMatch(/s-maxage=\d+/);
  });

  it('answers a revalidation of a cached page with its ETag by 304 and no body', async () => {
    for (let attempt = 1; ; attempt++) {
      const page = await secondRequest(ARTICLE);
      const etag = page.headers.get('etag');
      expect(etag).toMatch(/^"[\w-]+"$/);
      const revalidated = await fetch(`${baseUrl}${ARTICLE}`, { headers: { 'if-none-match': etag ?? '' } });
      // A write elsewhere may re-render the page in between: then it comes whole, with another tag or none.
      const reRendered = revalidated.status === 200 && revalidated.headers.get('etag') !== etag;
      if (reRendered && attempt < ATTEMPTS) {
        await waitForDelayedRevalidation();
        continue;
      }
      expect(revalidated.status).toBe(304);
      expect(await revalidated.text()).toBe('');
      break;
    }
    const otherTag = await fetch(`${baseUrl}${ARTICLE}`, { headers: { 'if-none-match': '"another"' } });
    expect(otherTag.status).toBe(200);
    expect(await otherTag.text()).toContain('<h1');
  });

  for (const path of ['/de', '/en', '/de/schlagwort/irak', '/en/tag/iraq', '/de?page=2']) {
    it(`serves ${path} from the cache on the second request`, async () => {
      const second = await secondRequest(path);
      expect(second.status).toBe(200);
      expect(second.headers.get('x-nextjs-cache')).toMatch(/HIT|STALE/);
    });
  }
});
