import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRateLimiter, memoryHitCounter, type HitCounter, type RateLimiter } from '@/lib/rate-limit';
import { databaseHitCounter } from '@/lib/rate-limit-in-database';
import { sharedPrismaClient } from '@/lib/prisma-client';
import { isDatabaseRefusingWrites } from '@/lib/database-unavailable';
import { clientAddress } from './request-context';

/** How long a client is asked to wait when the count could not be made (the database is away). */
const UNCOUNTED_RETRY_AFTER_SECONDS = 5;

/** Counted in PostgreSQL when there is one, so that all instances on it share the limit. */
function defaultCounter(): HitCounter {
  return process.env.DATABASE_URL ? databaseHitCounter(sharedPrismaClient) : memoryHitCounter();
}

function refuse(response: ServerResponse, status: 429 | 503, error: string, retryAfterSeconds: number): void {
  const body = JSON.stringify({ error });
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Retry-After': String(retryAfterSeconds),
    'Cache-Control': 'private, no-store',
  });
  response.end(body);
}

export type ApiRateLimit = (request: IncomingMessage, response: ServerResponse, proceed: () => void) => void;

/**
 * Calls `proceed` for requests within the limit (and for everything outside /api/), answers 429
 * with Retry-After beyond it. Fails closed: when the count cannot be made, 503 with Retry-After,
 * because an API that skipped its limit while the database was away would let token guessing through;
 * a database that only refuses writes is counted for in this process instead.
 */
export function createApiRateLimit(counter: HitCounter = defaultCounter()): ApiRateLimit {
  // Generous for an editor's tools, tight enough to slow down token guessing.
  const settings = { bucket: 'api', limit: Number(process.env.API_RATE_LIMIT_PER_MINUTE ?? 300), windowMs: 60_000 };
  const limiter: RateLimiter = createRateLimiter({ ...settings, counter });
  // A database that is there but takes no writes (a standby, a full disk) still serves reads: count in
  // this process meanwhile, so the API's reads go on and its writes get their own 503 saying why.
  const whileReadOnly: RateLimiter = createRateLimiter({ ...settings, counter: memoryHitCounter() });
  return (request, response, proceed) => {
    if (!request.url?.startsWith('/api/') || request.url.startsWith('/api/internal/')) {
      proceed();
      return;
    }
    const client = clientAddress(request);
    const counted = limiter.take(client).catch((error: unknown) => {
      if (isDatabaseRefusingWrites(error)) return whileReadOnly.take(client);
      throw error;
    });
    counted.then((verdict) => {
      if (verdict.allowed) proceed();
      else refuse(response, 429, 'too many requests; slow down', verdict.retryAfterSeconds);
    }, (error: unknown) => {
      console.error(`[portal] the API rate limit could not count (${error instanceof Error ? error.message : String(error)}): answering 503`);
      refuse(response, 503, 'the service is unavailable; try again shortly', UNCOUNTED_RETRY_AFTER_SECONDS);
    });
  };
}
