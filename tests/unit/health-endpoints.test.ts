import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createHealthEndpoints, databaseAnswers } from '../../server/health-endpoints';
import { freePort } from '../../scripts/lib/free-port';

/* /healthz and /readyz as server/portal-server.ts answers them, here behind a plain server with a database check of our choosing. */

const servers: http.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function serve(databaseReady: () => Promise<boolean>) {
  const health = createHealthEndpoints(databaseReady);
  const server = http.createServer((request, response) => {
    if (!health.answer(request, response)) response.writeHead(404).end('not ours');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const ask = async (path: string, method = 'GET') => {
    const response = await fetch(`http://127.0.0.1:${address.port}${path}`, { method });
    return { status: response.status, body: await response.text(), headers: response.headers };
  };
  return { ask, health };
}

describe('the health endpoints', () => {
  it('/healthz says the process lives, uncached, whatever the database does', async () => {
    const { ask } = await serve(async () => false);
    const answer = await ask('/healthz');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ status: 'ok' });
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('/readyz answers 200 when the database answers and 503 naming it when it does not', async () => {
    let up = true;
    const { ask } = await serve(async () => up);
    expect(await ask('/readyz')).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    up = false;
    const down = await ask('/readyz?probe=1');
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body)).toEqual({ status: 'unavailable', reason: 'database' });
    expect(down.headers.get('cache-control')).toBe('no-store');
  });

  it('/readyz answers 503 once the server is stopping', async () => {
    const { ask, health } = await serve(async () => true);
    health.markStopping();
    expect(JSON.parse((await ask('/readyz')).body)).toEqual({ status: 'unavailable', reason: 'stopping' });
  });

  it('answers HEAD without a body and other methods with 405 and Allow', async () => {
    const { ask } = await serve(async () => true);
    expect(await ask('/healthz', 'HEAD')).toMatchObject({ status: 200, body: '' });
    const post = await ask('/readyz', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('leaves every other URL to the rest of the server', async () => {
    const { ask } = await serve(async () => true);
    expect((await ask('/healthz/more')).status).toBe(404);
    expect((await ask('/de')).status).toBe(404);
  });
});

describe('whether the database answers', () => {
  it('is false within about a second when nothing listens at the address', async () => {
    const port = await freePort();
    const started = Date.now();
    expect(await databaseAnswers(`postgresql://portal:portal@127.0.0.1:${port}/none`)()).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('is false within the timeout when the address accepts but never answers', async () => {
    const { createServer } = await import('node:net');
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const started = Date.now();
    expect(await databaseAnswers(`postgresql://portal:portal@127.0.0.1:${address.port}/none`, 300)()).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
    silent.close();
  });

  it('is false without a database URL', async () => {
    expect(await databaseAnswers(undefined)()).toBe(false);
  });
});
