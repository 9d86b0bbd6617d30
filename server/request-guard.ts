import type { IncomingMessage, ServerResponse } from 'node:http';
import { isDeskPath } from '@/i18n/desk-paths';
import { getPathname } from '@/i18n/navigation';
import { routing } from '@/i18n/routing';

/*
 * Turns away requests no page or API route can answer well, before they
 * reach Next.js (which would answer some of them with a 500):
 * - a request target that is not a path (`*`, or garbage) → 400; the
 *   absolute form (`GET http://host/path`), which HTTP/1.1 servers must
 *   accept, is reduced to its path, so the Host header alone names the site;
 * - no Host header (HTTP/1.1 requires one) → 400;
 * - malformed percent-encoding in the path → 400;
 * - methods pages do not take → 405 (pages take GET and HEAD; POST only
 *   where a form posts: the barrier report and the editors' desk under
 *   /redaktion, whose forms are server actions; the API answers for itself);
 * - headers that only Next.js's own client router or internal hops may set
 *   are dropped: our pages use plain links, and a forged one can confuse the framework.
 */

const FRAMEWORK_HEADERS = [
  'rsc',
  'next-router-state-tree',
  'next-router-prefetch',
  'next-router-segment-prefetch',
  'next-hmr-refresh',
  'next-url',
  'x-middleware-prefetch',
  'x-middleware-subrequest',
  'x-middleware-invoke',
  'x-invoke-path',
  'x-invoke-query',
  'x-invoke-output',
  'x-invoke-status',
  'x-nextjs-data',
  'x-now-route-matches',
];

const PAGE_METHODS = new Set(['GET', 'HEAD']);
// The pages whose forms post to themselves (server actions), in every language.
const FORM_PATHS = new Set(routing.locales.map((locale) => getPathname(locale, '/feedback')));
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

function answer(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): true {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, no-store', ...headers });
  response.end(`${text}\n`);
  return true;
}

/** The path and query of a request target, or null when it has none. */
function originForm(target: string): string | null {
  if (target.startsWith('/')) return target;
  if (!/^https?:\/\//i.test(target)) return null;
  try {
    const url = new URL(target);
    return `${url.pathname}${url.search}`;
  } catch {
    return null;
  }
}

/** Answers the request itself when it must be refused; true when it did. */
export function refuseMalformedRequest(request: IncomingMessage, response: ServerResponse): boolean {
  const method = request.method ?? 'GET';
  if (!request.headers.host) return answer(response, 400, 'Bad Request: the Host header is missing');
  const target = originForm(request.url ?? '/');
  if (target === null) return answer(response, 400, 'Bad Request: the request target must be a path');
  request.url = target;
  const path = target.split('?')[0] ?? '/';
  try {
    decodeURIComponent(path);
  } catch {
    return answer(response, 400, 'Bad Request: malformed percent-encoding in the address');
  }
  if (!KNOWN_METHODS.has(method)) return answer(response, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });

  const isApi = path.startsWith('/api/');
  const isInternal = path.startsWith('/_next/');
  const takesForms = FORM_PATHS.has(path) || isDeskPath(path);
  if (!isApi && !isInternal && !PAGE_METHODS.has(method) && !(method === 'POST' && takesForms)) {
    return answer(response, 405, 'Method Not Allowed', { Allow: takesForms ? 'GET, HEAD, POST' : 'GET, HEAD' });
  }
  for (const header of FRAMEWORK_HEADERS) delete request.headers[header];
  // Server actions are the barrier form's and the desk's: elsewhere (an API path, say) Next-Action would make Next.js answer as if to a form.
  if (!takesForms) delete request.headers['next-action'];
  return false;
}
