import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import compression from 'compression';
import { LRUCache } from 'lru-cache';
import vary from 'vary';
import { contentSecurityPolicyForPage } from '@/lib/security-headers';
import { BODY_HEADERS, encodingFor, matchesIfNoneMatch, type Encoding } from './http-negotiation';

/*
 * What happens to response bodies on their way out: validators and
 * compression. Next.js's own are off (`compress` and `generateEtags` in
 * next.config.ts) because for a page from the ISR cache they redid the same
 * work on every request: an FNV hash of the whole page in JavaScript for the
 * ETag, and a new zlib stream over the same page. Together that was a large
 * share of the server CPU a cached article cost (figures: bench/causes.md,
 * "Validators and compression").
 *
 * - A body sent in one piece (Next.js sends pages from its ISR cache so) is
 *   hashed with the native SHA-256; the hash is its ETag, answers
 *   If-None-Match with a 304 (the front cache's refreshes ask so), and tells
 *   whether the compressed bytes kept for that URL are still this body's.
 *   Keeping one version per URL, not per body, lets the version an editor
 *   replaced go at once instead of waiting to age out.
 * - Everything else (streamed renders, search, files) goes through the
 *   `compression` middleware chunk by chunk, flushed as Next.js streams.
 */

/** Below this, compressing gains less than the headers it costs (the `compression` default). */
const MIN_BYTES = 1_024;
/** Quality 6 costs about what gzip's default does and gives fewer bytes (bench/causes.md, "Validators and compression"); the result is kept. */
const BROTLI_QUALITY = 6;

// The middleware is typed for Express but uses only what Node's request and response have.
type MiddlewareRequest = Parameters<typeof compression.filter>[0];
type MiddlewareResponse = Parameters<typeof compression.filter>[1];

export type ResponseBodies = {
  /** Wraps `response` before Next.js writes to it. */
  prepare: (request: IncomingMessage, response: ServerResponse) => void;
  /** Bodies compressed, bodies sent from what was kept, and 304s instead of bodies. */
  stats: () => { compressed: number; reused: number; notModified: number };
};

function compressBody(body: Buffer, encoding: Encoding): Buffer {
  if (encoding === 'gzip') return zlib.gzipSync(body);
  return zlib.brotliCompressSync(body, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
}

function asBuffer(chunk: unknown, encoding: unknown): Buffer | null {
  if (typeof chunk === 'string') return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return null;
}

/** A complete 200 answer to a GET whose headers are still ours to change, not tagged by anyone else. */
function isTaggable(request: IncomingMessage, response: ServerResponse): boolean {
  return request.method === 'GET' && response.statusCode === 200 && !response.headersSent && !response.hasHeader('etag');
}

function isHtml(response: ServerResponse): boolean {
  return /^text\/html\b/i.test(String(response.getHeader('content-type') ?? ''));
}

function isCompressible(request: IncomingMessage, response: ServerResponse, body: Buffer): boolean {
  return (
    body.length >= MIN_BYTES &&
    !response.hasHeader('content-encoding') &&
    !/\bno-transform\b/.test(String(response.getHeader('cache-control') ?? '')) &&
    compression.filter(request as unknown as MiddlewareRequest, response as unknown as MiddlewareResponse)
  );
}

/**
 * Told of every 200 body about to go out in one piece, compressed or, for a client that takes no
 * compression, as it is, with its headers set as for sending it, also when a 304 goes out instead
 * (server/page-answers.ts keeps pages so: curl and simple crawlers get the fast path too).
 */
export type OutgoingBodyListener = (request: IncomingMessage, response: ServerResponse, output: Buffer) => void;

/** @param maxBytes how much compressed output to keep, least recently sent first out */
export function createResponseBodies(maxBytes: number, onOutgoingBody?: OutgoingBodyListener): ResponseBodies {
  const kept = new LRUCache<string, { hash: string; output: Buffer }>({ maxSize: maxBytes, sizeCalculation: ({ output }) => output.length });
  const streamed = compression({ threshold: MIN_BYTES });
  const counts = { compressed: 0, reused: 0, notModified: 0 };

  const compressedOnce = (url: string, hash: string, body: Buffer, encoding: Encoding): Buffer => {
    const key = `${encoding}:${url}`;
    const known = kept.get(key);
    if (known?.hash === hash) {
      counts.reused++;
      return known.output;
    }
    const output = compressBody(body, encoding);
    kept.set(key, { hash, output });
    counts.compressed++;
    return output;
  };

  const prepare = (request: IncomingMessage, response: ServerResponse) => {
    // Installs the middleware's write/end/writeHead, which ours below call into.
    streamed(request as unknown as MiddlewareRequest, response as unknown as MiddlewareResponse, () => undefined);
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    let wroteBefore = false;

    response.write = ((...args: unknown[]) => {
      wroteBefore = true;
      return write(...args);
    }) as typeof response.write;

    response.end = ((...args: unknown[]) => {
      const [chunk, encodingOrCallback] = args;
      const whole = wroteBefore || response.headersSent ? null : asBuffer(chunk, encodingOrCallback);
      const taggable = whole !== null && isTaggable(request, response);
      const html = whole !== null && isHtml(response);
      // One hash serves the ETag and, memoised by it, the page's policy (lib/security-headers.ts).
      const hash = whole && (taggable || html) ? createHash('sha256').update(whole).digest('base64url') : '';
      // A page in one piece, whatever its status: its inline scripts by hash, the same policy for every reader of this version.
      if (whole && html) response.setHeader('Content-Security-Policy', contentSecurityPolicyForPage(whole, hash));
      const body = taggable ? whole : null;
      if (!body) return end(...args);
      const callback = args.find((arg) => typeof arg === 'function');
      const finish = (output?: Buffer) => (callback ? end(output, callback) : end(output));

      const compressible = isCompressible(request, response, body);
      // Also on a 304 and on the uncompressed answer: what a cache may reuse depends on Accept-Encoding.
      if (compressible) vary(response, 'Accept-Encoding');
      const encoding = compressible ? encodingFor(request) : null;
      // Each coding of the body is its own representation, with its own tag.
      const etag = `"${hash}${encoding ? `-${encoding}` : ''}"`;
      response.setHeader('ETag', etag);

      const notModified = matchesIfNoneMatch(request.headers['if-none-match'], etag);
      // A listener hears of 304s too (compressing the body once per version if need be): behind a
      // front cache, whose refreshes ask with the ETag, nearly every answer is one.
      const output = encoding && (!notModified || onOutgoingBody) ? compressedOnce(request.url ?? '', hash, body, encoding) : null;
      if (encoding && output) {
        // With Content-Encoding set, the middleware passes the bytes through untouched.
        response.setHeader('Content-Encoding', encoding);
        response.setHeader('Content-Length', output.length);
        onOutgoingBody?.(request, response, output);
      } else if (!encoding) {
        // Sent as it is: nothing to compress or keep here, but the listener may keep the body itself.
        onOutgoingBody?.(request, response, body);
      }
      if (notModified) {
        counts.notModified++;
        response.statusCode = 304;
        for (const header of BODY_HEADERS) response.removeHeader(header);
        return finish();
      }
      return finish(output ?? body);
    }) as typeof response.end;
  };

  return { prepare, stats: () => ({ ...counts }) };
}
