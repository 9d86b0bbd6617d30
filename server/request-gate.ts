import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { positiveIntegerFromEnv } from './env-number';

/*
 * Load shedding. A saturated server that hands every request to Next.js at
 * once starts every render at once: they share the CPU and the database pool,
 * so each takes longer, clients give up and ask again, and the work held in
 * memory grows until the heap runs out (hundreds of renders held at once in
 * a heap snapshot under the soak; figures: bench/causes.md, "Request gate").
 * So at most `maxActive` requests are with Next.js at once, the next
 * `maxQueued` wait in order of arrival, and a request beyond that, or one
 * that waited `maxWaitMs`, is answered 503 with Retry-After at once. A
 * waiting request whose client has gone is dropped before it costs anything.
 *
 * A waiting request starts from the 'close' event of the request that freed
 * its place, and that event runs in the async context of the finished
 * render. Next.js snapshots the context each render starts in, so without
 * care every render would keep the one before it alive: under sustained
 * overload the chain grew by every request and the heap ran out
 * (npm run soak). So a waiting request resumes in the context it arrived in.
 */

export type GateLimits = { maxActive: number; maxQueued: number; maxWaitMs: number };

export type RequestGate = {
  /** Runs `work` now or when a place is free; answers 503 itself when none comes. */
  admit: (request: IncomingMessage, response: ServerResponse, work: () => void) => void;
  /** Requests with Next.js now and requests waiting (for tests and diagnostics). */
  load: () => { active: number; queued: number };
};

/** Seconds a client is asked to wait after a 503 for overload: renders take well under a second. */
export const BUSY_RETRY_AFTER_SECONDS = 5;

/** What the server answers when it sheds a request; page errors become the localized 503 page further out. */
export function answerBusy(request: IncomingMessage, response: ServerResponse): void {
  if (response.headersSent || response.writableEnded) return;
  const api = request.url?.startsWith('/api/') ?? false;
  const body = api ? JSON.stringify({ error: 'the portal is busy; try again in a few seconds' }) : '<!DOCTYPE html><title>503</title><h1>503</h1>';
  // Set before writeHead: the page replacement further out keeps headers set this way.
  response.setHeader('Content-Type', api ? 'application/json' : 'text/html; charset=utf-8');
  response.setHeader('Content-Length', Buffer.byteLength(body));
  response.setHeader('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
  response.setHeader('Cache-Control', 'private, no-store');
  response.writeHead(503);
  response.end(request.method === 'HEAD' ? undefined : body);
}

type Waiting = { request: IncomingMessage; response: ServerResponse; work: () => void; timer: NodeJS.Timeout };

export function createRequestGate({ maxActive, maxQueued, maxWaitMs }: GateLimits): RequestGate {
  let active = 0;
  // A Set keeps insertion order and lets a request that gave up leave from the middle.
  const queue = new Set<Waiting>();

  const start = (response: ServerResponse, work: () => void) => {
    active += 1;
    // 'close' comes once, whether the response was sent or the connection broke.
    response.once('close', () => {
      active -= 1;
      startNext();
    });
    work();
  };

  const startNext = () => {
    for (const waiting of queue) {
      if (active >= maxActive) return;
      queue.delete(waiting);
      clearTimeout(waiting.timer);
      start(waiting.response, waiting.work);
    }
  };

  const admit: RequestGate['admit'] = (request, response, work) => {
    if (active < maxActive) return start(response, work);
    if (queue.size >= maxQueued) return answerBusy(request, response);
    const inArrivalContext = AsyncLocalStorage.snapshot();
    const waiting: Waiting = {
      request,
      response,
      work: () => inArrivalContext(work),
      timer: setTimeout(() => {
        queue.delete(waiting);
        answerBusy(request, response);
      }, maxWaitMs),
    };
    queue.add(waiting);
    response.once('close', () => {
      if (!queue.delete(waiting)) return;
      clearTimeout(waiting.timer);
    });
  };

  return { admit, load: () => ({ active, queued: queue.size }) };
}

/**
 * The limits from the environment. 32 at once keeps both CPUs and the
 * database pool (10 connections) busy without making each render wait for
 * the others; 256 waiting covers every reader a front cache or a crawler
 * brings at once; 10 s is shorter than most clients' own timeout.
 */
export function gateLimitsFromEnv(): GateLimits {
  return {
    maxActive: positiveIntegerFromEnv('PORTAL_MAX_ACTIVE_REQUESTS', 32),
    maxQueued: positiveIntegerFromEnv('PORTAL_MAX_QUEUED_REQUESTS', 256),
    maxWaitMs: positiveIntegerFromEnv('PORTAL_MAX_WAIT_MS', 10_000),
  };
}
