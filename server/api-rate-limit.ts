import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRateLimiter } from '@/lib/rate-limit';
import { clientAddress } from './request-context';

// Generous for an editor's tools, tight enough to slow down token guessing.
const limiter = createRateLimiter({ limit: Number(process.env.API_RATE_LIMIT_PER_MINUTE ?? 300), windowMs: 60_000 });

/** Answers 429 with Retry-After when a client sends too many API requests; true when it did. */
export function refuseOverLimit(request: IncomingMessage, response: ServerResponse): boolean {
  if (!request.url?.startsWith('/api/') || request.url.startsWith('/api/internal/')) return false;
  const verdict = limiter.take(clientAddress(request));
  if (verdict.allowed) return false;
  const body = JSON.stringify({ error: 'too many requests; slow down' });
  response.writeHead(429, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Retry-After': String(verdict.retryAfterSeconds),
    'Cache-Control': 'private, no-store',
  });
  response.end(body);
  return true;
}
