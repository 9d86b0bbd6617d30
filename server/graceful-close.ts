import type http from 'node:http';

/*
 * How the server stops (SIGTERM from `docker stop`, systemd or `npm start`):
 * it stops listening first, so that new connections are refused and a load
 * balancer moves on at once; the requests in flight finish; keep-alive
 * connections are closed as soon as they are idle (answers sent from now on
 * say `Connection: close`); whatever still runs at the deadline is cut off.
 */

/** Resolves once every connection is closed; `cutOff` says whether the deadline had to end some. */
export function drainServer(server: http.Server, deadlineMs: number): Promise<{ cutOff: boolean }> {
  return new Promise((resolve) => {
    let cutOff = false;
    server.prependListener('request', (_request: http.IncomingMessage, response: http.ServerResponse) => {
      response.shouldKeepAlive = false;
    });
    // A connection whose answer was in flight becomes idle when it is sent; close it then, not after keepAliveTimeout.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const deadline = setTimeout(() => {
      cutOff = true;
      server.closeAllConnections();
    }, deadlineMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve({ cutOff });
    });
    server.closeIdleConnections();
  });
}
