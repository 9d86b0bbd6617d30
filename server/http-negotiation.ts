import type { IncomingMessage } from 'node:http';
import Negotiator from 'negotiator';

/* What a request accepts, for the two places that answer with bodies they keep (response-bodies.ts, page-answers.ts). */

export type Encoding = 'br' | 'gzip';

/** The coding to send a compressible body in, or null for none. */
export function encodingFor(request: IncomingMessage): Encoding | null {
  const accepted = new Negotiator(request).encodings(['br', 'gzip']);
  // Brotli when the client takes it at all: smaller, and its cost is paid once per body.
  if (accepted.includes('br')) return 'br';
  return accepted.includes('gzip') ? 'gzip' : null;
}

/**
 * If-None-Match by weak comparison (RFC 9110, 13.1.2), `*` for any version.
 * Unlike the `fresh` package, a request's `Cache-Control: no-cache` does not
 * turn it off: a cache sends that together with its stored tag precisely to
 * have the version validated here (and fetch() adds it to every conditional
 * request).
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** Headers that describe a body and go when a 304 replaces it. */
export const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding'] as const;
