import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { drainServer } from '../../server/graceful-close';
import { listening } from '../../scripts/lib/free-port';

/*
 * The drain of server/graceful-close.ts on a plain Node server: the portal's
 * close() runs exactly this, and the e2e test of the portal server checks
 * the same promises through SIGTERM.
 */

type Started = { server: http.Server; port: number };
const servers: http.Server[] = [];

async function serve(handler: http.RequestListener): Promise<Started> {
  const server = http.createServer(handler);
  server.keepAliveTimeout = 5_000;
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port };
}

afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** A request over its own connection; resolves with status and body once the answer is complete. */
function get(port: number, path: string, agent: http.Agent | false = false): Promise<{ status: number; body: string; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, connection: response.headers.connection }));
    });
    request.on('error', reject);
  });
}

describe('draining the server when it is told to stop', () => {
  it('lets a request in flight finish, refuses new connections meanwhile, and resolves once it is sent', async () => {
    let release = () => {};
    const arrived = new Promise<void>((resolve) => {
      release = resolve;
    });
    let answer = () => {};
    const { server, port } = await serve((_request, response) => {
      release();
      answer = () => response.end('finished');
    });
    const inFlight = get(port, '/slow');
    await arrived;

    const drained = drainServer(server, 5_000);
    expect(await listening(port)).toBe(false);
    setTimeout(() => answer(), 300);
    expect(await inFlight).toMatchObject({ status: 200, body: 'finished' });
    expect(await drained).toEqual({ cutOff: false });
  });

  it('closes idle keep-alive connections at once, and one whose answer was in flight as soon as it is sent', async () => {
    const { server, port } = await serve((request, response) => {
      if (request.url === '/slow') setTimeout(() => response.end('slow'), 300);
      else response.end('quick');
    });
    const idleAgent = new http.Agent({ keepAlive: true });
    const busyAgent = new http.Agent({ keepAlive: true });
    await get(port, '/quick', idleAgent);
    const slow = get(port, '/slow', busyAgent);
    await new Promise((resolve) => setTimeout(resolve, 50));

    const started = Date.now();
    const drained = drainServer(server, 5_000);
    expect((await slow).body).toBe('slow');
    await drained;
    // Well before the 5 s keep-alive timeout would have ended those connections.
    expect(Date.now() - started).toBeLessThan(1_500);
    idleAgent.destroy();
    busyAgent.destroy();
  });

  it('cuts off what is still running at the deadline', async () => {
    const { server, port } = await serve(() => {
      // never answers
    });
    const stalled = get(port, '/stalled').catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    expect(await drainServer(server, 300)).toEqual({ cutOff: true });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await stalled).toBeInstanceOf(Error);
  });
});
