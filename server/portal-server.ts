import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { INTERNAL_TOKEN_ENV, INTERNAL_TOKEN_HEADER } from '@/lib/internal-token';
import { revalidationsLoaded } from '@/lib/cache/revalidation-state.mjs';
import { startRevalidationSync } from '@/lib/cache/revalidation-sync';
import { startRedisEntryStore } from '@/lib/cache/redis-entry-store';
import { startPublishingScheduler } from './publishing-scheduler';
import { hideInternalHeaders } from './internal-headers';
import { statusPagePath } from '@/lib/status-pages';
import { sharedPrismaClient } from '@/lib/prisma-client';
import { contentSecurityPolicy, freshNonce, NO_INLINE_SCRIPTS_POLICY, securityHeaders, STRICT_TRANSPORT_SECURITY } from '@/lib/security-headers';
import { localeOf, replaceErrorPages, type StatusPageSource } from './error-page-replacement';
import { isWithdrawnArticleUrl, withdrawnArticleAt } from './gone-articles';
import { keepSingleLocationHeader } from './single-location-header';
import { assignRequestId, clientAddress, servedOverHttps } from './request-context';
import { createApiRateLimit } from './api-rate-limit';
import { refuseMalformedRequest } from './request-guard';
import { answerForeignOrigin, checkedFormPost, isForeignOriginPost, isFormPost } from './form-post-check';
import { answerClientError } from './client-error';
import { createRequestGate, gateLimitsFromEnv } from './request-gate';
import { heapGovernorSettingsFromEnv, startHeapGovernor } from './heap-governor';
import { createResponseBodies } from './response-bodies';
import { askOver, createPageAnswers } from './page-answers';
import { positiveIntegerFromEnv } from './env-number';
import { addAllowToApi405, allowedMethodsFrom } from './api-allow-header';
import { createBuiltFiles, isBuiltFileUrl } from './built-files';
import { distDir } from '@/lib/dist-dir';
import { adoptBuiltNextConfig } from './built-next-config';
import { createHealthEndpoints, databaseAnswers } from './health-endpoints';
import { drainServer } from './graceful-close';

/*
 * The production server: Next.js's request handler behind a plain Node HTTP
 * server, so that we can set the server's timeouts, replace the empty error
 * shells Next.js sends for 404/410/5xx pages with complete pages, and run
 * the scheduler that publishes articles when their time has come. It also
 * tags and compresses responses (server/response-bodies.ts) and answers
 * again what Next.js just answered from its ISR cache (server/page-answers.ts).
 */

export type PortalServer = { url: string; close: () => Promise<void> };

/** How long close() lets requests in flight finish before it cuts them off (scripts/serve.ts exits at 7.5 s). */
const DRAIN_DEADLINE_MS = 6_500;

/*
 * A request on its way to Next.js carries a fresh nonce in its own
 * Content-Security-Policy header, which Next.js reads and puts on every script
 * it renders; a client's own such header is replaced. The answer's policy names
 * the nonce, which is what a streamed render needs; a page sent in one piece
 * gets the hashes of its scripts instead (server/response-bodies.ts, lib/security-headers.ts).
 */
function givePolicyNonce(request: http.IncomingMessage, response: http.ServerResponse): void {
  const policy = contentSecurityPolicy({ nonce: freshNonce() });
  delete request.headers['content-security-policy-report-only'];
  request.headers['content-security-policy'] = policy;
  response.setHeader('Content-Security-Policy', policy);
}

const ROOT = path.resolve(import.meta.dirname, '..');

/*
 * The name Next.js is given for this server, whatever address it listens on.
 * Next.js's URL class turns every loopback address (127.x.x.x, [::1]) into
 * `localhost`, so the proxy's rewrites (proxy.ts) of a request to 127.0.0.1
 * come back naming `localhost`. Started under any other name, Next.js takes
 * such a rewrite for one to another site and answers every rewritten page
 * (articles, search) with a redirect to itself.
 */
const NEXT_HOSTNAME = 'localhost';

/** Where the server reaches itself: a wildcard address is not one to connect to. */
function ownOrigin(hostname: string, port: number): string {
  const host = hostname === '0.0.0.0' || hostname === '::' ? '127.0.0.1' : hostname;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export async function startPortalServer({ port, hostname }: { port: number; hostname: string }): Promise<PortalServer> {
  const token = randomBytes(16).toString('hex');
  process.env[INTERNAL_TOKEN_ENV] = token;

  adoptBuiltNextConfig(ROOT, distDir());
  // Before the first request, so that the cache knows from the start what the database says is stale.
  if (process.env.DATABASE_URL) startRevalidationSync(process.env.DATABASE_URL);
  // Several instances share their ISR cache there (lib/cache/redis-entry-store.ts); one instance needs none.
  if (process.env.REDIS_URL) await startRedisEntryStore(process.env.REDIS_URL);
  const app = next({ dev: false, dir: ROOT, hostname: NEXT_HOSTNAME, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  if (process.env.DATABASE_URL && !(await revalidationsLoaded(5_000))) {
    console.warn('[portal] the database does not answer yet: pages render (or wait) until it does');
  }

  const origin = ownOrigin(hostname, port);
  const cache = new Map<string, string>();
  // Status pages are static; fetched once from ourselves, then served from memory.
  const statusPages: StatusPageSource = async (locale, status) => {
    const key = `${locale}:${status}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const response = await fetch(`${origin}${statusPagePath(locale, status)}`, {
      headers: { [INTERNAL_TOKEN_HEADER]: token, 'accept-encoding': 'identity' },
    });
    if (!response.ok) return null;
    const html = await response.text();
    cache.set(key, html);
    return html;
  };

  const prisma = process.env.DATABASE_URL ? sharedPrismaClient() : null;
  const refineNotFound = async (url: string | undefined) =>
    prisma && (await isWithdrawnArticleUrl(prisma, url)) ? (410 as const) : (404 as const);
  const withdrawnReason = async (url: string | undefined) => (prisma ? ((await withdrawnArticleAt(prisma, url))?.reason ?? null) : null);

  const allowedMethods = allowedMethodsFrom(origin, { [INTERNAL_TOKEN_HEADER]: token });
  const gate = createRequestGate(gateLimitsFromEnv());
  const heapGovernor = startHeapGovernor(heapGovernorSettingsFromEnv());
  const pageAnswers = createPageAnswers(positiveIntegerFromEnv('PORTAL_PAGE_ANSWERS_MB', 16) * 1024 * 1024, askOver(origin));
  const responseBodies = createResponseBodies(positiveIntegerFromEnv('PORTAL_COMPRESSED_CACHE_MB', 16) * 1024 * 1024, pageAnswers.keep);
  const builtFiles = createBuiltFiles(path.join(ROOT, distDir()));
  const health = createHealthEndpoints(databaseAnswers(process.env.DATABASE_URL));
  const apiRateLimit = createApiRateLimit();
  // Built files the build did not make (Next.js answers 404) are cheap too, and the server's requests to itself (status pages, refreshes of kept answers) must never wait behind the readers they serve.
  const passesGate = (request: http.IncomingMessage) => isBuiltFileUrl(request.url) || request.headers[INTERNAL_TOKEN_HEADER] === token;
  const dispatch = (request: http.IncomingMessage, response: http.ServerResponse) => void handle(request, response);

  const toNext = (request: http.IncomingMessage, response: http.ServerResponse, requestId: string) => {
    // Ahead of the request gate: a kept answer costs about what a static file does.
    if (request.headers[INTERNAL_TOKEN_HEADER] !== token && pageAnswers.answer(request, response)) return;
    keepSingleLocationHeader(response);
    givePolicyNonce(request, response);
    // Before the error-page replacement, so that the complete status pages it sends are compressed too.
    responseBodies.prepare(request, response);
    // Not the server's own requests: a status page that failed would be replaced by a request for itself, without end.
    if (request.headers[INTERNAL_TOKEN_HEADER] !== token) replaceErrorPages(request, response, statusPages, refineNotFound, requestId, withdrawnReason);
    addAllowToApi405(request, response, allowedMethods);
    if (passesGate(request)) dispatch(request, response);
    else if (isFormPost(request) && isForeignOriginPost(request)) {
      void statusPages(localeOf(request.url), 403).catch(() => null).then((page) => answerForeignOrigin(response, page));
    }
    // A form's body is read whole, within a time limit, before it takes a work slot (server/form-post-check.ts).
    else if (isFormPost(request)) void checkedFormPost(request, response).then((checked) => checked && gate.admit(checked, response, () => dispatch(checked, response)));
    else gate.admit(request, response, () => dispatch(request, response));
  };

  // A request without Host is refused by the request guard, with our headers, instead of by Node without them.
  const server = http.createServer({ requireHostHeader: false }, (request, response) => {
    // First, so that it sees the headers every later step sets (server/internal-headers.ts).
    hideInternalHeaders(request, response);
    const requestId = assignRequestId(request, response);
    // Also on answers given here before Next.js (400, 405, 429), which next.config.ts headers() never sees.
    for (const { key, value } of securityHeaders) response.setHeader(key, value);
    response.setHeader('Content-Security-Policy', NO_INLINE_SCRIPTS_POLICY);
    // Probes come before the request guard, the rate limits and the gate (server/health-endpoints.ts).
    if (health.answer(request, response)) return;
    // Rate limits further in read this header: it must name the real client, not what the client claims.
    request.headers['x-forwarded-for'] = clientAddress(request);
    if (servedOverHttps(request)) response.setHeader('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
    if (refuseMalformedRequest(request, response)) return;
    apiRateLimit(request, response, () => builtFiles(request, response, () => toNext(request, response, requestId)));
  });
  server.on('clientError', answerClientError);
  // Slow or stalled clients must not hold connections for ever.
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => resolve());
  });

  const scheduler = prisma ? startPublishingScheduler(prisma) : null;

  return {
    url: origin,
    close: async () => {
      scheduler?.stop();
      heapGovernor.stop();
      health.markStopping();
      const { cutOff } = await drainServer(server, DRAIN_DEADLINE_MS);
      if (cutOff) console.error(`[portal] requests still in flight after ${DRAIN_DEADLINE_MS / 1000} s were cut off`);
      await app.close();
      await prisma?.$disconnect();
    },
  };
}
