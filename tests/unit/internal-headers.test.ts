import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hideInternalHeaders, isInternalHeader } from '@/server/internal-headers';

describe('isInternalHeader', () => {
  it('drops every x-middleware-* header and the x-nextjs-* ones README does not name', () => {
    for (const name of ['x-middleware-rewrite', 'X-Middleware-Next', 'x-nextjs-prerender', 'x-nextjs-stale-time', 'x-nextjs-matched-path']) {
      expect(isInternalHeader(name, false), name).toBe(true);
    }
    for (const name of ['x-nextjs-cache', 'X-NextJS-Cache', 'content-type', 'x-portal-cache', 'x-request-id']) expect(isInternalHeader(name, false), name).toBe(false);
  });

  it('leaves Next.js’s own client router the x-nextjs-* headers it reads, never x-middleware-*', () => {
    expect(isInternalHeader('x-nextjs-stale-time', true)).toBe(false);
    expect(isInternalHeader('x-nextjs-rewritten-path', true)).toBe(false);
    expect(isInternalHeader('x-middleware-rewrite', true)).toBe(true);
  });
});

describe('hideInternalHeaders on a real response', () => {
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      hideInternalHeaders(request, response);
      response.setHeader('x-middleware-rewrite', '/de/article/internal');
      response.setHeader('x-nextjs-cache', 'HIT');
      if (request.url === '/raw') {
        response.writeHead(200, ['Content-Type', 'text/html', 'x-nextjs-prerender', '1', 'X-Middleware-Next', '1', 'x-nextjs-stale-time', '300']);
      } else if (request.url === '/object') {
        response.writeHead(200, { 'content-type': 'text/html', 'x-nextjs-prerender': '1', 'x-nextjs-stale-time': '300' });
      } else {
        response.setHeader('x-nextjs-prerender', '1');
        response.setHeader('x-nextjs-stale-time', '300');
      }
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  for (const path of ['/raw', '/object', '/implicit']) {
    it(`keeps only x-nextjs-cache of the framework headers (${path})`, async () => {
      const response = await fetch(`${base}${path}`);
      const framework = [...response.headers.keys()].filter((name) => /^x-(nextjs|middleware)-/.test(name));
      expect(framework).toEqual(['x-nextjs-cache']);
      expect(await response.text()).toBe('ok');
    });
  }

  it('keeps the router’s headers on an RSC request, but not x-middleware-*', async () => {
    const response = await fetch(`${base}/object`, { headers: { rsc: '1' } });
    const framework = [...response.headers.keys()].filter((name) => /^x-(nextjs|middleware)-/.test(name)).sort();
    expect(framework).toEqual(['x-nextjs-cache', 'x-nextjs-prerender', 'x-nextjs-stale-time']);
  });
});
