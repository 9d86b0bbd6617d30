/*
 * Other test files write articles while a test runs, and every write marks
 * the listings, feeds, sitemaps and its article stale
 * (lib/content/record-revalidation.ts). A test that wants to see a
 * page come from the ISR cache therefore cannot rely on "the second request
 * is a hit": a revalidation may fall between the two. It asks again until the
 * cache answers, for longer than several writes' revalidations take; a page
 * the cache never keeps still fails, with the last answer to show why.
 */

const GIVE_UP_AFTER_MS = 15_000;
const INTERVAL_MS = 250;
const FROM_CACHE = /^(HIT|STALE)$/;

type Answer = { status: number; headers: Headers };

/** True when the ISR cache answered (the header Next.js sets on cached responses). */
export function cameFromCache(answer: Answer, accept: RegExp = FROM_CACHE): boolean {
  return answer.status === 200 && accept.test(answer.headers.get('x-nextjs-cache') ?? '');
}

/**
 * Sends `send()` until `wanted` holds for the answer, and returns that answer,
 * or the last one once it gives up. An answer other than 200 (a page that
 * does not exist yet, a redirect) is returned at once: caches keep only
 * pages, so asking again would only wait.
 */
export async function askUntil<T extends Answer>(send: () => Promise<T>, wanted: (answer: T) => boolean): Promise<T> {
  const started = Date.now();
  for (;;) {
    const answer = await send();
    if (answer.status !== 200 || wanted(answer) || Date.now() - started > GIVE_UP_AFTER_MS) return answer;
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
  }
}

/**
 * Sends `send()` until the answer came from the cache (see askUntil). The first
 * request renders the page if it is not cached yet. `accept` narrows what
 * counts (only HIT, say).
 */
export function untilServedFromCache<T extends Answer>(send: () => Promise<T>, accept: RegExp = FROM_CACHE): Promise<T> {
  return askUntil(send, (answer) => cameFromCache(answer, accept));
}
