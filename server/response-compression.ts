import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import compression from 'compression';
import { LRUCache } from 'lru-cache';
import Negotiator from 'negotiator';

/*
 * Compresses what the portal sends; Next.js's own compression is off
 * (next.config.ts) because it compressed every page from the ISR cache again
 * on every request, with a new zlib stream for the same 60 KB: 1.6–3.6 ms of
 * the 5–8 ms of server CPU a cached article cost (bench/causes.md).
 *
 * - A body sent in one piece (Next.js sends pages from its ISR cache so) is
 *   compressed once and the result kept, found again by the hash of the
 *   body. The hash costs about a twentieth of compressing; the same bytes
 *   always give the same compressed bytes, so nothing can go stale.
 * - Everything else (streamed renders, search, files) goes through the
 *   `compression` middleware chunk by chunk, flushed as Next.js streams.
 */

/** Below this, compressing gains less than the headers it costs (the `compression` default). */
const MIN_BYTES = 1_024;
/** Quality 6 costs about what gzip's default does and gives 8 % fewer bytes; the result is kept. */
const BROTLI_QUALITY = 6;

type Encoding = 'br' | 'gzip';
// The middleware is typed for Express but uses only what Node's request and response have.
type MiddlewareRequest = Parameters<typeof compression.filter>[0];
type MiddlewareResponse = Parameters<typeof compression.filter>[1];

export type CompressedBodies = {
  /** Wraps `response` before Next.js writes to it. */
  compress: (request: IncomingMessage, response: ServerResponse) => void;
  /** Bodies compressed, and bodies sent from what was kept. */
  stats: () => { compressed: number; reused: number };
};

function encodingFor(request: IncomingMessage): Encoding | null {
  const accepted = new Negotiator(request).encodings(['br', 'gzip']);
  // Brotli when the client takes it at all: smaller, and its cost is paid once per body.
  if (accepted.includes('br')) return 'br';
  return accepted.includes('gzip') ? 'gzip' : null;
}

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

/** Whether a body sent whole may be answered from, and kept in, the store. */
function isKeepable(request: IncomingMessage, response: ServerResponse, body: Buffer): boolean {
  return (
    request.method === 'GET' &&
    response.statusCode === 200 &&
    !response.headersSent &&
    body.length >= MIN_BYTES &&
    !response.hasHeader('content-encoding') &&
    !/\bno-transform\b/.test(String(response.getHeader('cache-control') ?? '')) &&
    compression.filter(request as unknown as MiddlewareRequest, response as unknown as MiddlewareResponse)
  );
}

/** @param maxBytes how much compressed output to keep, least recently sent first out */
export function createCompressedBodies(maxBytes: number): CompressedBodies {
  const kept = new LRUCache<string, Buffer>({ maxSize: maxBytes, sizeCalculation: (body) => body.length });
  const streamed = compression({ threshold: MIN_BYTES });
  let compressed = 0;
  let reused = 0;

  const compress = (request: IncomingMessage, response: ServerResponse) => {
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
      const encoding = wroteBefore ? null : encodingFor(request);
      const body = encoding ? asBuffer(chunk, encodingOrCallback) : null;
      if (!encoding || !body || !isKeepable(request, response, body)) return end(...args);

      const key = `${encoding}:${createHash('sha256').update(body).digest('base64')}`;
      let output = kept.get(key);
      if (output) reused++;
      else {
        output = compressBody(body, encoding);
        kept.set(key, output);
        compressed++;
      }
      // With Content-Encoding set, the middleware passes the bytes through untouched (and adds Vary).
      response.setHeader('Content-Encoding', encoding);
      response.setHeader('Content-Length', output.length);
      const callback = args.find((arg) => typeof arg === 'function');
      return callback ? end(output, callback) : end(output);
    }) as typeof response.end;
  };

  return { compress, stats: () => ({ compressed, reused }) };
}
