import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { isLocale, routing } from '@/i18n/routing';
import { contentSecurityPolicyForPage } from '@/lib/security-headers';
import { REQUEST_ID_PLACEHOLDER } from '@/lib/status-pages';
import { fillWithdrawnReason } from '@/lib/content/withdrawn-reason-slot';
import { isDeskPath } from '@/i18n/desk-paths';

/*
 * Swaps the body of HTML error responses for a complete, server-rendered
 * status page (see lib/status-pages.ts for why). Only GET/HEAD page
 * responses with status 404, 410 or 5xx and an HTML content type are held
 * back and replaced. Other documents (feeds, sitemaps) that fail with 5xx,
 * usually because the database is away, become a plain 503 with Retry-After
 * as pages do, so that feed readers and crawlers come back instead of
 * recording an error. The API answers in JSON by itself and passes through.
 */

export type StatusPageSource = (locale: string, status: 403 | 404 | 410 | 503) => Promise<string | null>;
/** Lets the server turn a 404 into a 410 for withdrawn content. */
export type NotFoundRefinement = (url: string | undefined) => Promise<404 | 410>;
/** The reason an editor gave for withdrawing what a URL showed, written into its 410 page. */
export type WithdrawnReasonSource = (url: string | undefined) => Promise<string | null>;

/** Seconds a reader (or crawler) is asked to wait before retrying during an outage. */
export const RETRY_AFTER_SECONDS = 30;

function replacementStatus(status: number): 404 | 410 | 503 | null {
  if (status === 404 || status === 410) return status;
  return status >= 500 ? 503 : null;
}

/** The language of a page address; German where the address names none. */
export function localeOf(url: string | undefined): string {
  const first = (url ?? '/').split(/[/?#]/)[1];
  return isLocale(first) ? first : routing.defaultLocale;
}

function contentTypeOf(headers: unknown, response: ServerResponse): string {
  if (headers && typeof headers === 'object' && !Array.isArray(headers)) {
    for (const [key, value] of Object.entries(headers as OutgoingHttpHeaders)) {
      if (key.toLowerCase() === 'content-type') return String(value);
    }
  }
  return String(response.getHeader('content-type') ?? '');
}

function sendPlainUnavailable(
  request: IncomingMessage,
  response: ServerResponse,
  writeHead: (...args: unknown[]) => ServerResponse,
  end: (...args: unknown[]) => ServerResponse,
): void {
  const body = Buffer.from('Temporarily unavailable; please try again shortly.\n', 'utf8');
  for (const header of ['content-encoding', 'content-length', 'transfer-encoding', 'etag', 'x-nextjs-cache', 'vary']) response.removeHeader(header);
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.setHeader('Content-Length', String(body.length));
  response.setHeader('Cache-Control', 'private, no-cache, no-store, max-age=0, must-revalidate');
  if (!response.hasHeader('Retry-After')) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  writeHead(503);
  end(request.method === 'HEAD' ? undefined : body);
}

export function replaceErrorPages(
  request: IncomingMessage,
  response: ServerResponse,
  statusPages: StatusPageSource,
  refineNotFound: NotFoundRefinement,
  requestId: string,
  withdrawnReason: WithdrawnReasonSource = async () => null,
): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') return;
  // Next.js's own client-side requests (RSC payloads) are left alone.
  if (request.headers['rsc'] !== undefined || request.url?.startsWith('/_next/')) return;

  const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
  const write = response.write.bind(response) as (...args: unknown[]) => boolean;
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  let target: 404 | 410 | 503 | 'plain-503' | null | undefined;
  const isApi = request.url?.startsWith('/api/') ?? false;
  // The desk's own 404 page (app/redaktion/not-found.tsx) stays: the readers' one would lead out of the desk.
  const isDesk = isDeskPath(request.url ?? '');

  const decide = (status: number, headers?: unknown) => {
    if (target !== undefined) return;
    if (contentTypeOf(headers, response).startsWith('text/html')) target = isDesk && status === 404 ? null : replacementStatus(status);
    else target = status >= 500 && !isApi ? 'plain-503' : null;
  };

  response.writeHead = ((status: number, ...rest: unknown[]) => {
    decide(status, rest.at(-1));
    if (target) return response;
    return writeHead(status, ...rest);
  }) as typeof response.writeHead;

  response.write = ((...args: unknown[]) => {
    decide(response.statusCode);
    if (!target) return write(...args);
    const callback = args.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof response.write;

  response.end = ((...args: unknown[]) => {
    decide(response.statusCode);
    const decided = target;
    if (!decided) return end(...args);
    if (decided === 'plain-503') {
      sendPlainUnavailable(request, response, writeHead, end);
      return response;
    }
    void (decided === 404 ? refineNotFound(request.url).catch(() => 404 as const) : Promise.resolve(decided))
      .then(async (status) => ({ status, html: await statusPages(localeOf(request.url), status).catch(() => null) }))
      .then(async ({ status, html }) => {
        let page = html ?? `<!DOCTYPE html><title>${status}</title><h1>${status}</h1><p>${REQUEST_ID_PLACEHOLDER}</p>`;
        if (status === 410) page = fillWithdrawnReason(page, await withdrawnReason(request.url).catch(() => null));
        const body = Buffer.from(page.replaceAll(REQUEST_ID_PLACEHOLDER, requestId), 'utf8');
        for (const header of ['content-encoding', 'content-length', 'transfer-encoding', 'etag', 'x-nextjs-cache']) {
          response.removeHeader(header);
        }
        response.setHeader('Content-Type', 'text/html; charset=utf-8');
        response.setHeader('Content-Length', String(body.length));
        // The request id is never inside a script, so the page's policy is the same for every request.
        response.setHeader('Content-Security-Policy', contentSecurityPolicyForPage(page));
        // An error must never be cached where the page will be healthy again.
        response.setHeader('Cache-Control', 'private, no-cache, no-store, max-age=0, must-revalidate');
        // A 503 for overload (server/request-gate.ts) names its own, shorter wait.
        if (status === 503 && !response.hasHeader('Retry-After')) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
        writeHead(status);
        end(request.method === 'HEAD' ? undefined : body);
      });
    return response;
  }) as typeof response.end;
}
