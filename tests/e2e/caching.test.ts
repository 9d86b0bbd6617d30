import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';

const baseUrl = inject('baseUrl');
const ARTICLE = '/de/artikel/anti-terror-koalition-beraet-per-videokonferenz';

describe('ISR cache', () => {
  it('answers a repeated request for an article from the cache', async () => {
    await fetch(`${baseUrl}${ARTICLE}`);
    // Another test's write revalidates once more 1.5 s later (lib/revalidate-content.ts);
    // should that fall between the two requests, the page is cached again by the third.
    let second = await fetch(`${baseUrl}${ARTICLE}`);
    if (!/HIT|STALE/.test(second.headers.get('x-nextjs-cache') ?? '')) {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await fetch(`${baseUrl}${ARTICLE}`);
      second = await fetch(`${baseUrl}${ARTICLE}`);
    }
    expect(second.status).toBe(200);
    expect(second.headers.get('x-nextjs-cache')).toMatch(/HIT|STALE/);
    expect(second.headers.get('cache-control')).toMatch(/s-maxage=\d+/);
  });

  for (const path of ['/de', '/en', '/de/schlagwort/irak', '/en/tag/iraq', '/de?page=2']) {
    it(`serves ${path} from the cache on the second request`, async () => {
      await fetch(`${baseUrl}${path}`);
      const second = await fetch(`${baseUrl}${path}`);
      expect(second.status).toBe(200);
      expect(second.headers.get('x-nextjs-cache')).toMatch(/HIT|STALE/);
    });
  }
});
