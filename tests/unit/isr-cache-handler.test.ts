import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRevalidations, revalidationState, startAfreshFor } from '@/lib/cache/revalidation-state.mjs';

/*
 * The cache handler's idea of "stale" (lib/cache/isr-cache-handler.mjs),
 * driven through Next.js's cache handler interface as Next.js calls it: a
 * lookup, then (on a miss) a render, then set. The revalidation state is set
 * by hand, as the portal server's sync would from the database.
 */

type Handler = {
  get: (key: string, ctx: object) => Promise<{ value: { kind: string; html?: string } | null } | null>;
  set: (key: string, data: object, ctx: object) => Promise<void>;
};

let folder = '';
let handler: Handler;
let seq = 0;
const PAGE_CTX = { kind: 'APP_PAGE', isRoutePPREnabled: false, isFallback: false };

function page(html: string, tags: string[]) {
  return { kind: 'APP_PAGE', html, rscData: Buffer.alloc(0), headers: { 'x-next-cache-tags': tags.join(',') }, status: 200, postponed: undefined, segmentData: undefined };
}

/** A write commits: its tags get the next number. */
function write(...tags: string[]) {
  seq += 1;
  applyRevalidations(tags.map((tag) => ({ tag, seq: String(seq) })));
}

async function html(key: string): Promise<string | null> {
  return (await handler.get(key, PAGE_CTX))?.value?.html ?? null;
}

/** What Next.js does for a request: look up, and on a miss render (reading the data as it is now) and store. */
async function request(key: string, render: () => string, tags: string[]): Promise<string> {
  const cached = await html(key);
  if (cached !== null) return cached;
  const rendered = render();
  await handler.set(key, page(rendered, tags), { cacheControl: { revalidate: 300, expire: undefined } });
  return rendered;
}

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'portal-isr-handler-'));
  mkdirSync(path.join(folder, 'server'), { recursive: true });
  writeFileSync(path.join(folder, 'BUILD_ID'), 'test-build');
  process.env.DATABASE_URL ??= 'postgresql://unused/for-the-handler';
  startAfreshFor('database-a');
  const state = revalidationState();
  state.connected = true;
  state.markLoaded();
  const { default: PortalIsrCache } = (await import('@/lib/cache/isr-cache-handler.mjs')) as unknown as { default: new (ctx: object) => Handler };
  handler = new PortalIsrCache({ serverDistDir: path.join(folder, 'server'), maxMemoryCacheSize: 1_000_000, revalidatedTags: [], _requestHeaders: {} });
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the ISR cache handler', () => {
  it('serves a stored page until a write touches one of its tags', async () => {
    let title = 'first';
    expect(await request('/a', () => title, ['article:1'])).toBe('first');
    title = 'second';
    expect(await request('/a', () => title, ['article:1'])).toBe('first');
    write('article:2');
    expect(await request('/a', () => title, ['article:1'])).toBe('first');
    write('article:1');
    expect(await request('/a', () => title, ['article:1'])).toBe('second');
  });

  it('stores a render that read the data before a write committed as stale', async () => {
    await handler.get('/b', PAGE_CTX);
    // The render reads the old data, then the write commits, then the render is stored.
    const old = 'before the write';
    write('article:3');
    await handler.set('/b', page(old, ['article:3']), { cacheControl: { revalidate: 300 } });
    expect(await html('/b')).toBeNull();
  });

  it('does not let plain hits before a write make the render after it stale', async () => {
    let title = 'v1';
    await request('/c', () => title, ['article:4']);
    expect(await html('/c')).toBe('v1');
    expect(await html('/c')).toBe('v1');
    title = 'v2';
    write('article:4');
    expect(await request('/c', () => title, ['article:4'])).toBe('v2');
    // Stored as current: the next reader gets it from the cache, not a second render.
    title = 'v3';
    expect(await request('/c', () => title, ['article:4'])).toBe('v2');
  });

  it('keeps nothing of another database', async () => {
    await request('/d', () => 'database a', ['article:5']);
    startAfreshFor('database-b');
    seq = 0;
    expect(await html('/d')).toBeNull();
    startAfreshFor('database-a');
  });

  it('serves the last good copy of a page a write made stale while the database is away, and renders again once it is back', async () => {
    await request('/e', () => 'good', ['article:6']);
    write('article:6');
    revalidationState().connected = false;
    try {
      expect(await html('/e')).toBe('good');
    } finally {
      revalidationState().connected = true;
    }
    expect(await html('/e')).toBeNull();
  });
});
