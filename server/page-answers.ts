import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import { revalidationCount } from '@/lib/isr-revalidation-count.mjs';
import { BODY_HEADERS, encodingFor, matchesIfNoneMatch } from './http-negotiation';

/*
 * Pages from the ISR cache, answered again without Next.js.
 *
 * Even a page Next.js has in its ISR cache costs it about 5 ms of CPU: the
 * middleware, route matching, the cache lookup (from disk for most of a large
 * archive) and turning the page back into bytes (bench/causes.md). Most
 * reads are of pages it has just answered from that cache, so the portal
 * server keeps such an answer as it went out (headers and compressed body)
 * and sends it again itself, until one of these comes first:
 *
 * - any revalidation: every write revalidates the pages it touched (through
 *   the cache handler, lib/isr-cache-handler.mjs, which counts), and all kept
 *   answers go at once. Writes are rare next to reads, and telling which
 *   URLs a tag touched would take the tag lists of every entry;
 * - at most a minute, or the page's own s-maxage if shorter, so that the five-minute
 *   time-based refresh (for changes that did not come through the API) stays
 *   a refresh within six minutes;
 * - the memory budget, least recently sent first out.
 *
 * Only answers that Next.js gave as `x-nextjs-cache: HIT` are kept, and none
 * that was on its way while a revalidation happened: an answer that started
 * before a write may carry the old page.
 */

/** The longest a kept answer is sent again without asking Next.js. */
const MAX_KEEP_MS = 60_000;
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
};

export type PageAnswers = {
  /** Sends a kept answer and returns true, or notes the request for keeping its answer and returns false. */
  answer: (request: IncomingMessage, response: ServerResponse) => boolean;
  /** Keeps a compressed answer about to be sent, if it is a page from the ISR cache (see response-bodies.ts). */
  keep: (request: IncomingMessage, response: ServerResponse, body: Buffer) => void;
};

/** The key of a request that a kept answer may serve, or null. */
function keyFor(request: IncomingMessage): string | null {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const url = request.url ?? '';
  if (!url.startsWith('/') || url.startsWith('/api/') || url.startsWith('/_next/')) return null;
  if (request.headers.range !== undefined || BYPASS_COOKIE.test(request.headers.cookie ?? '')) return null;
  // Uncompressed answers are rare and are not what the response bodies keep.
  const encoding = encodingFor(request);
  return encoding ? `${encoding} ${url}` : null;
}

/**
 * How long an answer may be kept: up to a minute, never beyond its s-maxage; 0 if it is not
 * shared-cacheable. A random time between half and all of that, because answers kept together
 * (after a warm-up or a write) would otherwise all go back to Next.js in the same second.
 */
function keepMs(response: ServerResponse): number {
  const cacheControl = String(response.getHeader('cache-control') ?? '');
  const sMaxAge = /(?:^|,)\s*s-maxage=(\d+)/.exec(cacheControl);
  if (!sMaxAge || /\b(?:private|no-store)\b/.test(cacheControl)) return 0;
  const limit = Math.min(MAX_KEEP_MS, Number(sMaxAge[1]) * 1000);
  return Math.round(limit * (0.5 + Math.random() / 2));
}

/** @param maxBytes how much to keep, least recently sent first out */
export function createPageAnswers(maxBytes: number): PageAnswers {
  const kept = new LRUCache<string, KeptAnswer>({
    maxSize: maxBytes,
    sizeCalculation: ({ body }) => body.length + ENTRY_OVERHEAD_BYTES,
  });
  // What each request that went on to Next.js may be kept as, and the revalidation count when it came.
  const pending = new WeakMap<IncomingMessage, { key: string; revalidations: number }>();

  const answer = (request: IncomingMessage, response: ServerResponse): boolean => {
    const key = keyFor(request);
    if (!key) return false;
    const revalidations = revalidationCount();
    const found = kept.get(key);
    if (!found || found.revalidations !== revalidations) {
      if (found) kept.delete(key);
      pending.set(request, { key, revalidations });
      return false;
    }
    for (const [name, value] of found.headers) response.setHeader(name, value);
    response.setHeader(ANSWERED_FROM_HEADER, 'kept');
    if (matchesIfNoneMatch(request.headers['if-none-match'], found.etag)) {
      for (const header of BODY_HEADERS) response.removeHeader(header);
      response.writeHead(304).end();
      return true;
    }
    // Node leaves the body out by itself when the request is HEAD.
    response.writeHead(200).end(found.body);
    return true;
  };

  const keep = (request: IncomingMessage, response: ServerResponse, body: Buffer): void => {
    const noted = pending.get(request);
    if (!noted || request.method !== 'GET') return;
    const etag = response.getHeader('etag');
    const ttl = keepMs(response);
    if (response.getHeader('x-nextjs-cache') !== 'HIT' || response.hasHeader('set-cookie') || typeof etag !== 'string' || ttl === 0) return;
    const headers = Object.entries(response.getHeaders())
      .filter((entry): entry is [string, OutgoingHttpHeader] => entry[1] !== undefined && !PER_REQUEST_HEADERS.has(entry[0]));
    // Under the count of the request's arrival: if content changed while it was on its way, it is never sent.
    kept.set(noted.key, { headers, body, etag, revalidations: noted.revalidations }, { ttl });
  };

  return { answer, keep };
}
