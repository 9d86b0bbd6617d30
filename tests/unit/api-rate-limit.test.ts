import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiRateLimit } from '@/server/api-rate-limit';
import { memoryHitCounter, type HitCounter } from '@/lib/rate-limit';

/* The API's rate limit in front of a stand-in for Next.js, on a real HTTP server on 127.0.0.1. */

let server: http.Server | undefined;

async function serve(counter: HitCounter): Promise<string> {
  const limit = createApiRateLimit(counter);
  server = http.createServer((request, response) => limit(request, response, () => response.end('passed')));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe('the API rate limit', () => {
  it('answers 429 with Retry-After beyond the limit, and leaves pages alone', async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = '2';
    const origin = await serve(memoryHitCounter());
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${origin}/api/articles/1`)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const refused = await fetch(`${origin}/api/articles/1`);
    expect(refused.headers.get('retry-after')).toMatch(/^(59|60)$/);
    expect(await refused.json()).toEqual({ error: 'too many requests; slow down' });
    expect((await fetch(`${origin}/de`)).status).toBe(200);
    delete process.env.API_RATE_LIMIT_PER_MINUTE;
  });

  it('fails closed: 503 with Retry-After when the count cannot be made, pages still pass', async () => {
    const origin = await serve(() => Promise.reject(new Error('connection refused')));
    const answer = await fetch(`${origin}/api/articles/1`);
    expect(answer.status).toBe(503);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(answer.headers.get('cache-control')).toBe('private, no-store');
    const page = await fetch(`${origin}/de`);
    expect(await page.text()).toBe('passed');
  });

  it('counts in this process while the database refuses writes, so the API still answers, and still limits', async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = '2';
    // What PostgreSQL says to an insert on a standby or under default_transaction_read_only, as the driver adapter passes it on.
    const readOnly = Object.assign(new Error('cannot execute INSERT in a read-only transaction'), { cause: { originalCode: '25006' } });
    const origin = await serve(() => Promise.reject(readOnly));
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${origin}/api/articles`)).status);
    expect(statuses).toEqual([200, 200, 429]);
    delete process.env.API_RATE_LIMIT_PER_MINUTE;
  });
});
