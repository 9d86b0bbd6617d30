import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/*
 * Next.js leaves its own bookkeeping in response headers: `x-middleware-rewrite`
 * names the internal route a page was rewritten to by proxy.ts, and
 * `x-nextjs-*` headers describe prerendering and routing. Readers and
 * crawlers have no use for them and they tell an attacker how the site is
 * built, so they are dropped as the head is written. Kept, as README says
 * ("Caching and freshness"): `x-nextjs-cache` (whether the ISR cache
 * answered), and on the requests of Next.js's own client router (RSC payloads
 * and server actions) the `x-nextjs-*` headers that router reads.
 */

const DOCUMENTED = new Set(['x-nextjs-cache']);

/** True for requests made by Next.js's client-side router or a server action call from it. */
function fromNextClient(request: IncomingMessage): boolean {
  return request.headers['rsc'] !== undefined || request.headers['next-action'] !== undefined;
}

/** Whether a response header is framework bookkeeping that must not leave the server for this request. */
export function isInternalHeader(name: string, forNextClient: boolean): boolean {
  const key = name.toLowerCase();
  if (key.startsWith('x-middleware-')) return true;
  if (!key.startsWith('x-nextjs-')) return false;
  return !forNextClient && !DOCUMENTED.has(key);
}

function withoutInternal(headers: unknown, forNextClient: boolean): unknown {
  if (Array.isArray(headers)) {
    // Raw [name, value, name, value, …] form.
    const kept: unknown[] = [];
    for (let i = 0; i + 1 < headers.length; i += 2) {
      if (!isInternalHeader(String(headers[i]), forNextClient)) kept.push(headers[i], headers[i + 1]);
    }
    return kept;
  }
  if (headers && typeof headers === 'object') {
    return Object.fromEntries(Object.entries(headers as OutgoingHttpHeaders).filter(([name]) => !isInternalHeader(name, forNextClient)));
  }
  return headers;
}

/**
 * Drops framework headers from the response head. Call it first for each
 * request, so that its wrapper of writeHead runs last, after every other part
 * of the server has set its headers (kept page answers included).
 */
export function hideInternalHeaders(request: IncomingMessage, response: ServerResponse): void {
  const forNextClient = fromNextClient(request);
  const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
  response.writeHead = ((status: number, ...rest: unknown[]) => {
    for (const name of response.getHeaderNames()) {
      if (isInternalHeader(name, forNextClient)) response.removeHeader(name);
    }
    const last = rest.at(-1);
    if (last !== undefined && typeof last !== 'string') rest[rest.length - 1] = withoutInternal(last, forNextClient);
    return writeHead(status, ...rest);
  }) as typeof response.writeHead;
}
