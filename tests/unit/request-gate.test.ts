import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BUSY_RETRY_AFTER_SECONDS, createRequestGate, type GateLimits, type RequestGate } from '@/server/request-gate';

/*
 * The gate on a real HTTP server on 127.0.0.1 whose handler holds every
 * response until the test lets it go, so that "busy" is a state the test
 * controls instead of a race.
 */

type Harness = {
  gate: RequestGate;
  started: string[];
  /** What each started request found in the render context when it started (nothing, unless a context leaked). */
  inheritedRenders: (string | undefined)[];
  /** Answers the oldest held request. */
  release: () => void;
  get: (path: string, signal?: AbortSignal) => Promise<{ status: number; retryAfter: string | null; body: string }>;
  close: () => Promise<void>;
};

const servers: Harness[] = [];

async function gatedServer(limits: GateLimits): Promise<Harness> {
  const gate = createRequestGate(limits);
  const started: string[] = [];
  const inheritedRenders: (string | undefined)[] = [];
  const held: (() => void)[] = [];
  // Like a Next.js render: the work runs in an async context of its own and ends its response from there.
  const renderContext = new AsyncLocalStorage<string>();
  const server = http.createServer((request, response) => {
    gate.admit(request, response, () => {
      inheritedRenders.push(renderContext.getStore());
      renderContext.run(request.url ?? '', () => {
        started.push(request.url ?? '');
        held.push(AsyncLocalStorage.bind(() => response.end('done')));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const harness: Harness = {
    gate,
    started,
    inheritedRenders,
    release: () => held.shift()?.(),
    get: async (path, signal) => {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal, headers: { connection: 'close' } });
      return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.text() };
    },
    close: async () => {
      for (const end of held.splice(0)) end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  servers.push(harness);
  return harness;
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

afterEach(async () => {
  for (const harness of servers.splice(0)) await harness.close();
});

describe('request gate', () => {
  it('lets maxActive requests through, queues the next ones in order and answers 503 with Retry-After beyond the queue', async () => {
    const harness = await gatedServer({ maxActive: 2, maxQueued: 2, maxWaitMs: 60_000 });
    const answers = ['/1', '/2', '/3', '/4'].map((path) => harness.get(path));
    await until(() => harness.gate.load().active === 2 && harness.gate.load().queued === 2);
    expect(harness.started).toEqual(['/1', '/2']);

    const refused = await harness.get('/5');
    expect(refused.status).toBe(503);
    expect(refused.retryAfter).toBe(String(BUSY_RETRY_AFTER_SECONDS));

    for (let index = 0; index < 4; index++) {
      await until(() => harness.started.length > index);
      harness.release();
    }
    expect((await Promise.all(answers)).map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(harness.started).toEqual(['/1', '/2', '/3', '/4']);
    await until(() => harness.gate.load().active === 0);
  });

  it('starts a waiting request in the async context it arrived in, not in that of the render that freed its place', async () => {
    // Next.js snapshots the context a render starts in: a leaked context would keep every earlier render alive.
    const harness = await gatedServer({ maxActive: 1, maxQueued: 5, maxWaitMs: 60_000 });
    const answers = ['/first', '/second', '/third'].map((path) => harness.get(path));
    await until(() => harness.gate.load().queued === 2);
    for (let index = 0; index < 3; index++) {
      await until(() => harness.started.length > index);
      harness.release();
    }
    expect((await Promise.all(answers)).map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(harness.started).toEqual(['/first', '/second', '/third']);
    expect(harness.inheritedRenders).toEqual([undefined, undefined, undefined]);
  });

  it('drops a waiting request whose client has gone, before it costs any work', async () => {
    const harness = await gatedServer({ maxActive: 1, maxQueued: 5, maxWaitMs: 60_000 });
    const first = harness.get('/first');
    await until(() => harness.started.length === 1);
    const abandon = new AbortController();
    const abandoned = harness.get('/abandoned', abandon.signal).catch((error: unknown) => error);
    await until(() => harness.gate.load().queued === 1);
    abandon.abort();
    await abandoned;
    await until(() => harness.gate.load().queued === 0);

    const next = harness.get('/next');
    await until(() => harness.gate.load().queued === 1);
    harness.release();
    await until(() => harness.started.length === 2);
    harness.release();
    expect((await first).status).toBe(200);
    expect((await next).status).toBe(200);
    expect(harness.started).toEqual(['/first', '/next']);
  });

  it('answers 503 to a request that waited longer than maxWaitMs, and serves again once a place is free', async () => {
    const harness = await gatedServer({ maxActive: 1, maxQueued: 5, maxWaitMs: 200 });
    const first = harness.get('/slow');
    await until(() => harness.started.length === 1);
    const waited = await harness.get('/waits');
    expect(waited.status).toBe(503);
    expect(harness.gate.load().queued).toBe(0);
    harness.release();
    expect((await first).status).toBe(200);

    const later = harness.get('/later');
    await until(() => harness.started.length === 2);
    harness.release();
    expect((await later).status).toBe(200);
  });

  it('answers API requests it cannot take with JSON', async () => {
    const harness = await gatedServer({ maxActive: 1, maxQueued: 1, maxWaitMs: 60_000 });
    const held = [harness.get('/held'), harness.get('/queued')].map((answer) => answer.catch(() => null));
    await until(() => harness.gate.load().queued === 1);
    const refused = await harness.get('/api/articles');
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body)).toEqual({ error: expect.stringContaining('busy') });
    harness.release();
    await until(() => harness.started.length === 2);
    harness.release();
    expect((await Promise.all(held)).map((answer) => answer?.status)).toEqual([200, 200]);
  });
});
