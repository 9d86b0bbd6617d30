import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRevalidation } from '@/lib/cache/isr-revalidation-count.mjs';
import { ANSWERED_FROM_HEADER, askOver, createPageAnswers } from '@/server/page-answers';
import { createResponseBodies } from '@/server/response-bodies';

/*
 * Kept page answers on a real HTTP server on 127.0.0.1, wired as in the
 * portal server: kept answers first, then the response bodies, then a
 * stand-in for Next.js that answers the way it does for pages from its ISR
 * cache (one `end(string)`, `x-nextjs-cache`, `s-maxage`) and counts how
 * often it was asked.
 */

const PAGE = `<!DOCTYPE html><html lang="de"><body>${'<p>Eine Meldung über Abrüstung und Verträge.</p>'.repeat(300)}</body></html>`;
const ISR_CACHE_CONTROL = 's-maxage=300, stale-while-revalidate=31535700';

type Route = { cache: string | ((timesAsked: number) => string); cacheControl?: string; setCookie?: boolean; beforeEnd?: () => Promise<void> };

const SHORT_LIVED = 's-maxage=1, stale-while-revalidate=60';

/** Unique paths per test keep the tests apart; the path's first segment picks how "Next.js" answers. */
const ROUTES: Record<string, Route> = {
  hit: { cache: 'HIT' },
  miss: { cache: 'MISS' },
  stale: { cache: 'STALE' },
  private: { cache: 'HIT', cacheControl: 'private, no-store' },
  'short-lived': { cache: 'HIT', cacheControl: SHORT_LIVED },
  // From its cache at first, then being rendered anew (as when Next.js's own time-based refresh is due).
  'turns-stale': { cache: (timesAsked) => (timesAsked === 1 ? 'HIT' : 'STALE'), cacheControl: SHORT_LIVED },
  'slow-short-lived': { cache: 'HIT', cacheControl: SHORT_LIVED, beforeEnd: () => new Promise((resolve) => setTimeout(resolve, 300)) },
  cookie: { cache: 'HIT', setCookie: true },
  slow: { cache: 'HIT', beforeEnd: () => new Promise((resolve) => setTimeout(resolve, 200)) },
};

let server: http.Server;
let baseUrl: string;
/** How many requests reached the stand-in for Next.js, by path. */
const handled = new Map<string, number>();

beforeAll(async () => {
  // Refreshes ask the server itself, whose port is known once it listens.
  const answers = createPageAnswers(1024 * 1024, (path, headers) => askOver(baseUrl)(path, headers));
  const bodies = createResponseBodies(1024 * 1024, answers.keep);
  server = http.createServer((request, response) => {
    response.setHeader('X-Request-Id', Math.random().toString(16).slice(2));
    if (answers.answer(request, response)) return;
    bodies.prepare(request, response);
    const url = request.url ?? '/';
    handled.set(url, (handled.get(url) ?? 0) + 1);
    const route = ROUTES[url.split('/')[1]?.split('?')[0] ?? ''];
    if (!route) {
      response.statusCode = 404;
      response.end();
      return;
    }
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Cache-Control', route.cacheControl ?? ISR_CACHE_CONTROL);
    response.setHeader('x-nextjs-cache', typeof route.cache === 'string' ? route.cache : route.cache(handled.get(url) ?? 0));
    if (route.setCookie) response.setHeader('Set-Cookie', 'choice=de; Path=/');
    void (route.beforeEnd?.() ?? Promise.resolve()).then(() => response.end(request.method === 'HEAD' ? undefined : PAGE));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Answer = { status: number; headers: http.IncomingHttpHeaders; text: string };

function send(path: string, headers: Record<string, string> = { 'accept-encoding': 'br' }, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .request(`${baseUrl}${path}`, { method, headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const raw = Buffer.concat(chunks);
          // HEAD and 304 answers name a coding but have no body to decode.
          const encoding = raw.length > 0 ? response.headers['content-encoding'] : undefined;
          const plain = encoding === 'br' ? zlib.brotliDecompressSync(raw) : encoding === 'gzip' ? zlib.gunzipSync(raw) : raw;
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text: plain.toString('utf8') });
        });
        response.on('error', reject);
      })
      .on('error', reject)
      .end();
  });
}

const wasKept = (answer: Answer) => answer.headers[ANSWERED_FROM_HEADER.toLowerCase()] === 'kept';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks for `path` twice, checks that the second answer was kept, then lets `ms` pass. */
async function keepThenWait(path: string, ms: number): Promise<void> {
  await send(path);
  expect(wasKept(await send(path))).toBe(true);
  await pause(ms);
}

/** Waits until the stand-in for Next.js was asked for `path` `times` times (a background refresh), or fails. */
async function untilHandled(path: string, times: number): Promise<void> {
  for (let waited = 0; (handled.get(path) ?? 0) < times; waited += 20) {
    if (waited > 5_000) throw new Error(`${path} reached Next.js ${handled.get(path) ?? 0} times, not ${times}`);
    await pause(20);
  }
}

describe('kept page answers', () => {
  it('answers a page that came from the ISR cache again by itself, with the same headers and body', async () => {
    const first = await send('/hit/a');
    const second = await send('/hit/a');
    expect(wasKept(first)).toBe(false);
    expect(wasKept(second)).toBe(true);
    expect(handled.get('/hit/a')).toBe(1);
    expect(second.text).toBe(PAGE);
    for (const header of ['content-type', 'cache-control', 'x-nextjs-cache', 'etag', 'content-encoding', 'content-length', 'vary']) {
      expect(second.headers[header], header).toBe(first.headers[header]);
    }
    // Per-request headers are the server's own, not replayed.
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
  });

  it('keeps each coding apart, the uncompressed answer too', async () => {
    await send('/hit/b', { 'accept-encoding': 'br' });
    const gzip = await send('/hit/b', { 'accept-encoding': 'gzip' });
    expect(wasKept(gzip)).toBe(false);
    expect((await send('/hit/b', { 'accept-encoding': 'gzip' })).headers['content-encoding']).toBe('gzip');
    const firstIdentity = await send('/hit/b', { 'accept-encoding': 'identity' });
    expect(wasKept(firstIdentity)).toBe(false);
    const identity = await send('/hit/b', { 'accept-encoding': 'identity' });
    expect(wasKept(identity)).toBe(true);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.text).toBe(PAGE);
    expect(identity.headers.etag).toBe(firstIdentity.headers.etag);
    expect(handled.get('/hit/b')).toBe(3);
  });

  it('keeps the answer to a client that sends no Accept-Encoding at all, as curl does, and answers its If-None-Match', async () => {
    await send('/hit/plain', {});
    const kept = await send('/hit/plain', {});
    expect(wasKept(kept)).toBe(true);
    expect(kept.headers['content-encoding']).toBeUndefined();
    expect(Number(kept.headers['content-length'])).toBe(Buffer.byteLength(PAGE));
    expect(kept.text).toBe(PAGE);
    const etag = kept.headers.etag ?? '';
    expect(etag).not.toMatch(/-(br|gzip)"$/);
    const notModified = await send('/hit/plain', { 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(wasKept(notModified)).toBe(true);
    expect(handled.get('/hit/plain')).toBe(1);
  });

  it('drops a kept uncompressed answer when content is revalidated, like the compressed ones', async () => {
    await send('/hit/plain-revalidated', {});
    expect(wasKept(await send('/hit/plain-revalidated', {}))).toBe(true);
    countRevalidation();
    expect(wasKept(await send('/hit/plain-revalidated', {}))).toBe(false);
  });

  it('answers If-None-Match with the kept ETag by 304, and HEAD with the headers alone', async () => {
    const { headers } = await send('/hit/c');
    const etag = String(headers.etag);
    const notModified = await send('/hit/c', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(wasKept(notModified)).toBe(true);
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.etag).toBe(etag);
    const head = await send('/hit/c', { 'accept-encoding': 'br' }, 'HEAD');
    expect(wasKept(head)).toBe(true);
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(headers['content-length']);
    expect(head.text).toBe('');
  });

  it('drops every kept answer when content is revalidated', async () => {
    await send('/hit/d');
    expect(wasKept(await send('/hit/d'))).toBe(true);
    countRevalidation();
    expect(wasKept(await send('/hit/d'))).toBe(false);
    expect(handled.get('/hit/d')).toBe(2);
  });

  it('keeps a page that went out as a 304, as a front cache\'s refreshes get it', async () => {
    const { headers } = await send('/hit/i');
    countRevalidation();
    const refresh = await send('/hit/i', { 'accept-encoding': 'br', 'if-none-match': String(headers.etag) });
    expect([refresh.status, wasKept(refresh)]).toEqual([304, false]);
    const next = await send('/hit/i');
    expect(wasKept(next)).toBe(true);
    expect(next.status).toBe(200);
    expect(next.text).toBe(PAGE);
    expect(next.headers['content-type']).toBe(headers['content-type']);
    expect(handled.get('/hit/i')).toBe(2);
  });

  it('does not keep an answer that was on its way while content was revalidated', async () => {
    const inFlight = send('/slow/e');
    await new Promise((resolve) => setTimeout(resolve, 50));
    countRevalidation();
    await inFlight;
    expect(wasKept(await send('/slow/e'))).toBe(false);
    expect(wasKept(await send('/slow/e'))).toBe(true);
  });

  for (const [route, why] of [
    ['miss', 'a fresh render (MISS)'],
    ['stale', 'a stale page being refreshed (STALE)'],
    ['private', 'a private answer'],
    ['cookie', 'an answer that sets a cookie'],
  ] as const) {
    it(`does not keep ${why}`, async () => {
      await send(`/${route}/f`);
      expect(wasKept(await send(`/${route}/f`))).toBe(false);
      expect(handled.get(`/${route}/f`)).toBe(2);
    });
  }

  it('answers at once when a kept answer is no longer fresh, and refreshes it from Next.js meanwhile', async () => {
    // Fresh for at most its s-maxage (1 s), then sent once more while Next.js is asked again in the background.
    await keepThenWait('/short-lived/g', 1_100);
    const stale = await send('/short-lived/g');
    expect(wasKept(stale)).toBe(true);
    expect(stale.text).toBe(PAGE);
    await untilHandled('/short-lived/g', 2);
    // The refresh was kept in its place: readers go on getting kept answers.
    expect(wasKept(await send('/short-lived/g'))).toBe(true);
    expect(handled.get('/short-lived/g')).toBe(2);
  });

  it('asks Next.js once per page however many readers come while it refreshes', async () => {
    await keepThenWait('/slow-short-lived/j', 1_100);
    const answers = await Promise.all(Array.from({ length: 5 }, () => send('/slow-short-lived/j')));
    expect(answers.map(wasKept)).toEqual([true, true, true, true, true]);
    await untilHandled('/slow-short-lived/j', 2);
    await pause(400);
    expect(handled.get('/slow-short-lived/j')).toBe(2);
  });

  it('ends a kept answer whose refresh Next.js did not answer from its cache', async () => {
    await keepThenWait('/turns-stale/k', 1_100);
    expect(wasKept(await send('/turns-stale/k'))).toBe(true);
    await untilHandled('/turns-stale/k', 2);
    await pause(50);
    expect(wasKept(await send('/turns-stale/k'))).toBe(false);
    expect(handled.get('/turns-stale/k')).toBe(3);
  });

  it('never sends a kept answer older than twice its keeping time', async () => {
    await keepThenWait('/short-lived/l', 2_100);
    expect(wasKept(await send('/short-lived/l'))).toBe(false);
    expect(handled.get('/short-lived/l')).toBe(2);
  });

  it('leaves draft previews, range requests and writes to Next.js', async () => {
    await send('/hit/h');
    expect(wasKept(await send('/hit/h'))).toBe(true);
    expect(wasKept(await send('/hit/h', { 'accept-encoding': 'br', cookie: 'a=1; __prerender_bypass=x' }))).toBe(false);
    expect(wasKept(await send('/hit/h', { 'accept-encoding': 'br', range: 'bytes=0-10' }))).toBe(false);
    expect(wasKept(await send('/hit/h', { 'accept-encoding': 'br' }, 'POST'))).toBe(false);
    expect(wasKept(await send('/hit/h'))).toBe(true);
  });
});
