import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/*
 * Every request gets an id, sent back as X-Request-Id, written into every
 * error log line and shown on the error page, so a reader's report can be
 * matched to the log. Logs name the path only: no query strings, no headers,
 * so no token or personal data ends up in them.
 */

const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function assignRequestId(request: IncomingMessage, response: ServerResponse): string {
  const incoming = request.headers['x-request-id'];
  // A front proxy's id is kept so both logs line up; anything odd is replaced.
  const id = typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomBytes(8).toString('hex');
  response.setHeader('X-Request-Id', id);
  response.on('finish', () => {
    if (response.statusCode >= 500) {
      const path = (request.url ?? '').split('?')[0];
      console.error(`[portal] request ${id}: ${request.method} ${path} answered ${response.statusCode}`);
    }
  });
  return id;
}

/** The client's address: the socket's, or the one a trusted front proxy (TRUST_PROXY=1) reports. */
export function clientAddress(request: IncomingMessage): string {
  if (process.env.TRUST_PROXY === '1') {
    const forwarded = request.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return request.socket.remoteAddress ?? 'unknown';
}

/**
 * Whether the request came over TLS: to this server itself, or to a front proxy that
 * we trust (TRUST_PROXY=1) and that says so. Any client can send X-Forwarded-Proto.
 */
export function servedOverHttps(request: IncomingMessage): boolean {
  if ('encrypted' in request.socket && request.socket.encrypted === true) return true;
  return process.env.TRUST_PROXY === '1' && request.headers['x-forwarded-proto'] === 'https';
}
