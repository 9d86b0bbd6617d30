import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type OutgoingHttpHeader, type ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import { revalidationCount } from '@/lib/cache/isr-revalidation-count.mjs';
import { BODY_HEADERS, encodingFor, matchesIfNoneMatch } from './http-negotiation';

/*
 * Pages from the ISR cache, answered again without Next.js.
 *
 * Even a page Next.js has in its ISR cache costs it many times what sending
 * the bytes again costs: the middleware, route matching, the cache lookup
 * (from disk for most of a large archive) and turning the page back into
 * bytes (figures: bench/causes.md, "Kept answers"). Most
 * reads are of pages it has just answered from that cache, so the portal
 * server keeps such an answer as it went out (headers and body, compressed
 * or, for a client that takes no compression, such as curl or a simple
 * crawler, as it is) and sends it again itself, until one of these comes first:
 *
 * - any revalidation: every write revalidates the pages it touched (through
 *   the cache handler, lib/isr-cache-handler.mjs, which counts), and all kept
 *   answers go at once. Writes are rare next to reads, and telling which
 *   URLs a tag touched would take the tag lists of every entry;
 * - twice its keeping time (below), unless it was refreshed before;
 * - the memory budget, least recently sent first out.
 *
 * A kept answer is fresh for its keeping time: at most a minute, or the
 * page's own s-maxage if shorter. After that, the next reader still gets it
 * at once, and the server asks Next.js for the page again in the background
 * (one request per page at a time), as a front cache's
 * stale-while-revalidate does. A reader who had to wait for Next.js instead
 * waited behind every kept answer sent meanwhile: in the benchmark those
 * were the slowest requests (bench/causes.md, "Kept answers"). A refresh
 * that Next.js does not answer from its cache (its own time-based refresh
 * is due) ends the kept answer, so the next reader gets the page from
 * Next.js. The five-minute time-based refresh (for changes that did not come
 * through the API) thus shows within seven minutes.
 *
 * Only answers that Next.js gave as `x-nextjs-cache: HIT` are kept, and none
 * that was on its way while a revalidation happened: an answer that started
 * before a write may carry the old page.
 */

/** The longest a kept answer is fresh, that is, sent again without asking Next.js. */
const MAX_FRESH_MS = 60_000;
/** Marks the server's own refresh requests; its value is secret to the process. */
const REFRESH_HEADER = 'x-portal-refresh';
/** Per-request headers that the server sets anew on every answer. */
const PER_REQUEST_HEADERS = new Set(['x-request-id', 'strict-transport-security', 'date', 'connection', 'keep-alive', 'transfer-encoding']);
/** Draft and preview modes of Next.js bypass its cache, so they bypass this one too. */
const BYPASS_COOKIE = /(?:^|;\s*)(?:__prerender_bypass|__next_preview_data)=/;
/** Counted for each entry besides its body: keys and headers. */
const ENTRY_OVERHEAD_BYTES = 2_048;
/** Says where an answer came from, for operators and tests (as nginx's X-Cache-Status does). */
export const ANSWERED_FROM_HEADER = 'X-Portal-Cache';

type KeptAnswer = {
  headers: [string, OutgoingHttpHeader][];
  body: Buffer;
  etag: string;
  /** The revalidation count it was kept under. */
  revalidations: number;
  /** performance.now() after which a request for it starts a refresh. */
  freshUntil: number;
};

/** Asks the server for `path` again with these headers and ignores the answer; resolves when it is complete or failed. */
export type AskAgain = (path: string, headers: Record<string, string>) => Promise<void>;

/** A refresh that takes longer than this is given up; the kept answer then ends. */
const REFRESH_TIMEOUT_MS = 30_000;

/**
 * Refreshes by requests to the server at `origin` itself, so that they pass
 * through everything a reader's request does, the request gate included.
 */
export function askOver(origin: string): AskAgain {
  return (path, headers) =>
    new Promise((resolve) => {
      const request = http.get(`${origin}${path}`, { headers, timeout: REFRESH_TIMEOUT_MS }, (response) => {
        response.on('close', () => resolve());
        response.resume();
      });
      request.on('timeout', () => request.destroy());
      request.on('error', () => resolve());
    });
}

export type PageAnswers = {
  /** Sends a kept answer and returns true, or notes the request for keeping its answer and returns false. */
  answer: (request: IncomingMessage, response: ServerResponse) => boolean;
  /** Keeps an answer about to be sent whole, if it is a page from the ISR cache (see response-bodies.ts). */
  keep: (request: IncomingMessage, response: ServerResponse, body: Buffer) => void;
};

/** The key of a request that a kept answer may serve, or null. */
function keyFor(request: IncomingMessage): string | null {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const url = request.url ?? '';
  if (!url.startsWith('/') || url.startsWith('/api/') || url.startsWith('/_next/')) return null;
  if (request.headers.range !== undefined || BYPASS_COOKIE.test(request.headers.cookie ?? '')) return null;
  // Each coding is its own answer; `identity` for clients that take none.
  return `${encodingFor(request) ?? 'identity'} ${url}`;
}

/**
 * How long an answer stays fresh: up to a minute, never beyond its s-maxage; 0 if it is not
 * shared-cacheable. A random time between half and all of that, because answers kept together
 * (after a warm-up or a write) would otherwise all go back to Next.js in the same second.
 * `limitMs` is the longest it is kept at all, refreshed or not: twice the longest fresh time.
 */
function keepingTime(response: ServerResponse): { freshMs: number; limitMs: number } {
  const cacheControl = String(response.getHeader('cache-control') ?? '');
  const sMaxAge = /(?:^|,)\s*s-maxage=(\d+)/.exec(cacheControl);
  if (!sMaxAge || /\b(?:private|no-store)\b/.test(cacheControl)) return { freshMs: 0, limitMs: 0 };
  const limit = Math.min(MAX_FRESH_MS, Number(sMaxAge[1]) * 1000);
  return { freshMs: Math.round(limit * (0.5 + Math.random() / 2)), limitMs: 2 * limit };
}

/**
 * @param maxBytes how much to keep, least recently sent first out
 * @param askAgain how to ask the server for a page again when a kept answer is no longer fresh (`askOver`)
 */
export function createPageAnswers(maxBytes: number, askAgain: AskAgain): PageAnswers {
  const kept = new LRUCache<string, KeptAnswer>({
    maxSize: maxBytes,
    sizeCalculation: ({ body }) => body.length + ENTRY_OVERHEAD_BYTES,
  });
  // What each request that went on to Next.js may be kept as, and the revalidation count when it came.
  const pending = new WeakMap<IncomingMessage, { key: string; revalidations: number }>();
  const refreshToken = randomBytes(16).toString('hex');
  const refreshing = new Set<string>();

  const refresh = (key: string, stale: KeptAnswer, request: IncomingMessage): void => {
    if (refreshing.has(key)) return;
    refreshing.add(key);
    const encoding = key.slice(0, key.indexOf(' '));
    const headers: Record<string, string> = { [REFRESH_HEADER]: refreshToken, 'accept-encoding': encoding, accept: 'text/html' };
    if (request.headers.host) headers.host = request.headers.host;
    void askAgain(request.url ?? '/', headers).then(() => {
      refreshing.delete(key);
      // Not replaced by a fresh answer: Next.js is rendering the page anew, or did not answer. The reader after this one asks it.
      if (kept.peek(key) === stale) kept.delete(key);
    });
  };

  const answer = (request: IncomingMessage, response: ServerResponse): boolean => {
    const key = keyFor(request);
    if (!key) return false;
    const revalidations = revalidationCount();
    const found = request.headers[REFRESH_HEADER] === refreshToken ? undefined : kept.get(key);
    if (!found || found.revalidations !== revalidations) {
      if (found) kept.delete(key);
      pending.set(request, { key, revalidations });
      return false;
    }
    if (performance.now() > found.freshUntil) refresh(key, found, request);
    for (const [name, value] of found.headers) response.setHeader(name, value);
    response.setHeader(ANSWERED_FROM_HEADER, 'kept');
    if (matchesIfNoneMatch(request.headers['if-none-match'], found.etag)) {
      for (const header of BODY_HEADERS) response.removeHeader(header);
      response.writeHead(304).end();
      return true;
    }
    // Node leaves the body out by itself when the request is HEAD; an uncompressed answer was kept before Node counted its length.
    response.setHeader('Content-Length', found.body.length);
    response.writeHead(200).end(found.body);
    return true;
  };

  const keep = (request: IncomingMessage, response: ServerResponse, body: Buffer): void => {
    const noted = pending.get(request);
    if (!noted || request.method !== 'GET') return;
    const etag = response.getHeader('etag');
    const { freshMs, limitMs } = keepingTime(response);
    if (response.getHeader('x-nextjs-cache') !== 'HIT' || response.hasHeader('set-cookie') || typeof etag !== 'string' || freshMs === 0) return;
    const headers = Object.entries(response.getHeaders())
      .filter((entry): entry is [string, OutgoingHttpHeader] => entry[1] !== undefined && !PER_REQUEST_HEADERS.has(entry[0]));
    // Under the count of the request's arrival: if content changed while it was on its way, it is never sent.
    // An uncompressed body may be a view into a larger buffer of Next.js's, which the budget would not count.
    const own = body.byteOffset === 0 && body.buffer.byteLength === body.length ? body : Buffer.from(body);
    const entry = { headers, body: own, etag, revalidations: noted.revalidations, freshUntil: performance.now() + freshMs };
    kept.set(noted.key, entry, { ttl: limitMs });
  };

  return { answer, keep };
}
