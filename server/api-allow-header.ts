import type { IncomingMessage, ServerResponse } from 'node:http';

/*
 * A 405 must name the methods the resource does take (`Allow`, RFC 9110,
 * section 15.5.6), so that a client can tell a wrong method from a wrong
 * address. Next.js answers a method that an API route does not export with
 * a bare 405, and knows the route's methods only when asked with OPTIONS
 * (it answers that by itself). So such a 405 is held back until the server
 * has asked itself, and goes out with the Allow it got. Pages get theirs
 * from the request guard (server/request-guard.ts), before Next.js.
 */

/** The Allow value of an API URL, from the server itself; null when there is none. */
export type AllowedMethods = (url: string) => Promise<string | null>;

export function addAllowToApi405(request: IncomingMessage, response: ServerResponse, allowedMethods: AllowedMethods): void {
  const url = request.url ?? '';
  if (!url.startsWith('/api/') || request.method === 'OPTIONS') return;
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;

  response.end = ((...args: unknown[]) => {
    if (response.statusCode !== 405 || response.headersSent || response.hasHeader('allow')) return end(...args);
    void allowedMethods(url)
      .catch(() => null)
      .then((allow) => {
        if (allow && !response.headersSent) response.setHeader('Allow', allow);
        end(...args);
      });
    return response;
  }) as typeof response.end;
}

/** Asks the server at `origin` with OPTIONS, as the server's own internal request. */
export function allowedMethodsFrom(origin: string, internalHeaders: Record<string, string>): AllowedMethods {
  return async (url) => {
    const answer = await fetch(`${origin}${url}`, { method: 'OPTIONS', headers: internalHeaders });
    await answer.body?.cancel();
    return answer.status === 204 ? answer.headers.get('allow') : null;
  };
}
