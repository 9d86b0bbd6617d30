import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddress } from '@/server/request-context';
import { startFrontCache, type FrontCache } from '../../scripts/lib/nginx-front-cache';
import { freePort } from '../../scripts/lib/free-port';

/*
 * The shipped nginx configuration (deploy/nginx) in front of two portal
 * instances. Stand-ins answer what the portal server would take as the
 * client's address (server/request-context.ts, with TRUST_PROXY=1 as behind
 * nginx): a client must not choose its own rate-limit key by sending
 * X-Forwarded-For, and every instance named in the upstream list gets requests.
 */

type Seen = { instance: string; client: string; forwardedFor: string | null };

function standIn(instance: string): Promise<{ server: http.Server; address: string }> {
  const server = http.createServer((request, response) => {
    const forwarded = request.headers['x-forwarded-for'];
    const seen: Seen = { instance, client: clientAddress(request), forwardedFor: typeof forwarded === 'string' ? forwarded : null };
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'private, no-store' }).end(JSON.stringify(seen));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, address: `127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe('nginx in front of several portal instances', () => {
  let front: FrontCache;
  let instances: { server: http.Server; address: string }[];
  const trustProxyBefore = process.env.TRUST_PROXY;

  beforeAll(async () => {
    process.env.TRUST_PROXY = '1';
    instances = await Promise.all([standIn('a'), standIn('b')]);
    front = await startFrontCache({ port: await freePort(), upstream: instances.map((instance) => instance.address) });
  });
  afterAll(async () => {
    await front.stop();
    await Promise.all(instances.map((instance) => new Promise((resolve) => instance.server.close(resolve))));
    process.env.TRUST_PROXY = trustProxyBefore;
  });

  // Under /api/, which nginx never caches, so every request reaches an instance.
  const askThroughNginx = async (headers: Record<string, string> = {}): Promise<Seen> =>
    (await (await fetch(`${front.url}/api/whoami`, { headers })).json()) as Seen;

  it('replaces the X-Forwarded-For a client sends with the address nginx saw, which the portal takes as the client', async () => {
    for (const claimed of ['203.0.113.66', '203.0.113.66, 198.51.100.7', 'unknown']) {
      const seen = await askThroughNginx({ 'x-forwarded-for': claimed });
      expect(seen.forwardedFor).toBe('127.0.0.1');
      expect(seen.client).toBe('127.0.0.1');
    }
    expect((await askThroughNginx()).client).toBe('127.0.0.1');
  });

  it('balances over every instance in the upstream list', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) seen.add((await askThroughNginx()).instance);
    expect([...seen].sort()).toEqual(['a', 'b']);
  });

  it('sends requests to the instance that is left when one is gone', async () => {
    const [gone] = instances;
    if (!gone) throw new Error('two instances were started');
    gone.server.closeAllConnections();
    await new Promise((resolve) => gone.server.close(resolve));
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) answers.push((await askThroughNginx()).instance);
    expect(answers).toEqual(answers.map(() => 'b'));
  });
});
