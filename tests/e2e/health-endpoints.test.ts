import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startOwnPortal, type OwnPortal } from '../../scripts/lib/own-portal';
import { copyBuild } from './hardening-own-portal';
import { eventually } from './process-tree';

/*
 * /healthz and /readyz of a real portal server with a database of its own,
 * which the test stops and starts again: liveness does not depend on the
 * database, readiness does (server/health-endpoints.ts).
 */

let build: { distDir: string; remove: () => void };
let portal: OwnPortal;

beforeAll(async () => {
  build = copyBuild(inject('distDir'));
  portal = await startOwnPortal({ distDir: build.distDir, revalidateSecret: 'health-revalidate', previewSecret: 'health-preview' });
}, 180_000);

afterAll(async () => {
  await portal?.close();
  build?.remove();
});

async function probe(path: string, method = 'GET') {
  const response = await fetch(`${portal.baseUrl}${path}`, { method, signal: AbortSignal.timeout(5_000) });
  return { status: response.status, body: await response.text(), cacheControl: response.headers.get('cache-control') };
}

describe('the health endpoints of the portal server', () => {
  it('answer 200 with a short JSON body, never cached, while everything runs', async () => {
    expect(await probe('/healthz')).toEqual({ status: 200, body: '{"status":"ok"}', cacheControl: 'no-store' });
    expect(await probe('/readyz')).toEqual({ status: 200, body: '{"status":"ok"}', cacheControl: 'no-store' });
    expect(await probe('/readyz', 'HEAD')).toEqual({ status: 200, body: '', cacheControl: 'no-store' });
    expect((await probe('/healthz', 'POST')).status).toBe(405);
  });

  it('/readyz answers 503 naming the database while it is stopped, within about a second, and 200 again once it is back', async () => {
    await portal.stopDatabase();
    try {
      const started = Date.now();
      expect(await probe('/readyz')).toEqual({ status: 503, body: '{"status":"unavailable","reason":"database"}', cacheControl: 'no-store' });
      expect(Date.now() - started).toBeLessThan(2_000);
      expect((await probe('/healthz')).status).toBe(200);
    } finally {
      await portal.startDatabase();
    }
    expect(await eventually(async () => (await probe('/readyz')).status === 200, 10_000)).toBe(true);
  }, 60_000);
});
