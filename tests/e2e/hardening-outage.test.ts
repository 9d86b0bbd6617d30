import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createEditorToken } from '@/lib/auth/editor-tokens';
import type { PrismaClient } from '@/lib/prisma-client';
import { REFERENCE_LABEL, securityHeaderProblems, UNAVAILABLE_HEADING } from './hardening-helpers';
import { startOwnPortal, type OwnPortal } from '../../scripts/lib/own-portal';
import { copyBuild, withPortalDatabase } from './hardening-own-portal';
import { articlePath, demoArticle, demoTag, tagPath, translationOf } from './helpers';
import { articleInput, headingOf, textOf, uniqueSuffix } from './publishing-helpers';
import { cameFromCache } from './served-from-cache';

/*
 * The database goes away while readers keep coming. On a portal of its own
 * (so the shared e2e server is not disturbed): pages in the ISR cache keep
 * being served, everything else answers a localized 503 page that names the
 * request id, nothing hangs, API writes are refused without writing half of
 * anything, and once PostgreSQL is back the portal recovers by itself.
 */

const REQUEST_TIMEOUT_MS = 15_000;
const RECOVERY_LIMIT_MS = 5_000;
const WRITE_SETTLED_MS = 2_500;


const demo = demoArticle('01');
const CACHED_PATHS = [
  '/de',
  '/en',
  articlePath('de', translationOf(demo, 'de').slug),
  articlePath('en', translationOf(demo, 'en').slug),
  tagPath('de', demoTag('irak').de.slug),
  tagPath('en', demoTag('irak').en.slug),
];
// Search results are rendered for every request, so they are never in the cache.
const SEARCH_PATHS = ['/de/suche?q=Irak', '/en/search?q=climate', '/de/suche?q=Klima', '/en/search?q=Syria'];

let build: ReturnType<typeof copyBuild> | null = null;
let portal: OwnPortal | null = null;
let token = '';
/** An article created for this test: no server has ever rendered its pages. */
let fresh = { id: 0, urls: { de: '', en: '' }, title: { de: '', en: '' } };
const cachedHtml = new Map<string, string>();
let before = { articles: 0, revisions: 0, tags: 0 };

function own(): OwnPortal {
  if (!portal) throw new Error('the portal did not start');
  return portal;
}

type Reply = { status: number; headers: Headers; text: string; ms: number };

async function get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
  const started = performance.now();
  const response = await fetch(new URL(path, own().baseUrl), { redirect: 'manual', headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, ms: performance.now() - started };
}

async function api(method: string, path: string, body?: unknown): Promise<Reply> {
  const started = performance.now();
  const response = await fetch(new URL(path, own().baseUrl), {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, ms: performance.now() - started };
}

function withDatabase<T>(work: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  return withPortalDatabase(own(), work);
}

async function contentCounts() {
  return withDatabase(async (prisma) => ({
    articles: await prisma.article.count(),
    revisions: await prisma.articleRevision.count({ where: { articleId: fresh.id } }),
    tags: await prisma.tag.count(),
  }));
}

beforeAll(async () => {
  build = copyBuild(inject('distDir'));
  // Behind a front proxy the test plays (X-Forwarded-Proto: https), which the portal must be told to trust.
  portal = await startOwnPortal({
    distDir: build.distDir,
    revalidateSecret: 'outage-revalidate-secret',
    previewSecret: 'outage-preview-secret',
    env: { TRUST_PROXY: '1' },
  });
  token = await withDatabase((prisma) => createEditorToken(prisma, `outage-${uniqueSuffix()}`));

  const input = articleInput();
  const created = await api('POST', '/api/articles', input);
  if (created.status !== 201) throw new Error(`creating the article failed with ${created.status}: ${created.text}`);
  const { id, urls } = JSON.parse(created.text) as { id: number; urls: { de: string; en: string } };
  fresh = { id, urls, title: { de: input.translations.de?.title ?? '', en: input.translations.en?.title ?? '' } };
  // The pages are cached some time after the write, as they would be long before an outage.
  await new Promise((resolve) => setTimeout(resolve, WRITE_SETTLED_MS));

  for (const path of CACHED_PATHS) {
    await get(path);
    const second = await get(path);
    if (!cameFromCache(second)) {
      throw new Error(`${path} was not served from the cache: ${second.status} ${second.headers.get('x-nextjs-cache')}`);
    }
    cachedHtml.set(path, second.text);
  }
  before = await contentCounts();
}, 300_000);

afterAll(async () => {
  await portal?.close();
  build?.remove();
});

describe('a database outage', () => {
  it('serves cached pages and answers everything else with 503, never hanging, while the database stops under load', async () => {
    type Outcome = { path: string; cached: boolean; startedAt: number; finishedAt: number; status: number; text: string; error: string | null };
    const outcomes: Outcome[] = [];
    const requests = Array.from({ length: 200 }, (_, index) => {
      const cached = index % 5 !== 4;
      const path = cached ? (CACHED_PATHS[index % CACHED_PATHS.length] ?? '/de') : (SEARCH_PATHS[index % SEARCH_PATHS.length] ?? '/de/suche');
      return new Promise<void>((resolve) => {
        setTimeout(() => {
          const startedAt = Date.now();
          get(path)
            .then((reply) => outcomes.push({ path, cached, startedAt, finishedAt: Date.now(), status: reply.status, text: reply.text, error: null }))
            .catch((error: unknown) => outcomes.push({ path, cached, startedAt, finishedAt: Date.now(), status: 0, text: '', error: String(error) }))
            .finally(resolve);
        }, index * 20);
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stopStartedAt = Date.now();
    await own().stopDatabase();
    const stoppedAt = Date.now();
    await Promise.all(requests);

    const durations = (cached: boolean) => outcomes.filter((o) => o.cached === cached).map((o) => o.finishedAt - o.startedAt);
    const slowest = Math.max(...durations(true), ...durations(false));
    const afterStop = outcomes.filter((o) => o.startedAt >= stoppedAt);
    console.log(
      `[outage] database stopped in ${stoppedAt - stopStartedAt} ms; ${outcomes.length} requests, ${afterStop.length} started after the stop; ` +
        `slowest cached page ${Math.max(...durations(true))} ms, slowest search ${Math.max(...durations(false))} ms; statuses ${JSON.stringify(Object.fromEntries(countBy(outcomes.map((o) => `${o.cached ? 'cached' : 'search'} ${o.status}`))))}`,
    );

    expect(outcomes.filter((o) => o.error !== null).map((o) => `${o.path}: ${o.error}`)).toEqual([]);
    expect(slowest).toBeLessThan(REQUEST_TIMEOUT_MS);
    expect(afterStop.length).toBeGreaterThan(50);
    for (const outcome of outcomes.filter((o) => o.cached)) {
      expect(outcome.status, outcome.path).toBe(200);
      expect(outcome.text === cachedHtml.get(outcome.path), `${outcome.path} changed its content`).toBe(true);
    }
    for (const outcome of afterStop.filter((o) => !o.cached)) expect(outcome.status, outcome.path).toBe(503);
    for (const outcome of outcomes.filter((o) => !o.cached && o.finishedAt < stopStartedAt)) expect(outcome.status, outcome.path).toBe(200);
  }, 60_000);

  for (const locale of ['de', 'en'] as const) {
    it(`(${locale}) answers a page that is not cached with a localized 503 page naming the request id, again on the second request`, async () => {
      const ids: string[] = [];
      for (let attempt = 0; attempt < 2; attempt++) {
        const reply = await get(fresh.urls[locale]);
        expect(reply.status).toBe(503);
        expect(reply.ms).toBeLessThan(REQUEST_TIMEOUT_MS);
        expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(reply.headers.get('content-type')).toMatch(/^text\/html/);
        expect(reply.headers.get('cache-control')).toMatch(/no-store/);
        expect(reply.headers.get('x-nextjs-cache')).toBeNull();
        expect(securityHeaderProblems(reply.headers, { https: false })).toEqual([]);
        expect(reply.text).toMatch(new RegExp(`<html[^>]* lang="${locale}"`));
        expect(headingOf(reply.text)).toBe(UNAVAILABLE_HEADING[locale]);
        const id = reply.headers.get('x-request-id') ?? '';
        expect(id).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
        expect(textOf(reply.text)).toContain(`${REFERENCE_LABEL[locale]} ${id}`);
        ids.push(id);
      }
      expect(new Set(ids).size).toBe(2);

      const proxied = await get(fresh.urls[locale], { 'x-request-id': `front-proxy-${locale}-0001`, 'x-forwarded-proto': 'https' });
      expect(proxied.status).toBe(503);
      expect(securityHeaderProblems(proxied.headers, { https: true })).toEqual([]);
      expect(textOf(proxied.text)).toContain(`${REFERENCE_LABEL[locale]} front-proxy-${locale}-0001`);
    });
  }

  it('keeps serving the cached pages unchanged', async () => {
    for (const path of CACHED_PATHS) {
      const reply = await get(path);
      expect(reply.status, path).toBe(200);
      expect(reply.text === cachedHtml.get(path), `${path} changed its content`).toBe(true);
    }
  });

  it('refuses API writes with 503 JSON and Retry-After', async () => {
    const changed = articleInput();
    const writes = [
      await api('PUT', `/api/articles/${fresh.id}`, { ...changed, translations: { ...changed.translations, de: { ...changed.translations.de, title: 'Während der Störung' } } }),
      await api('POST', '/api/articles', articleInput()),
      await api('PUT', `/api/tags/outage-${uniqueSuffix()}`, { de: { name: 'Störung', slug: `stoerung-${uniqueSuffix()}` }, en: { name: 'Outage', slug: `outage-${uniqueSuffix()}` } }),
      await api('DELETE', `/api/articles/${fresh.id}`),
    ];
    for (const write of writes) {
      expect(write.status, write.text).toBe(503);
      expect(write.headers.get('content-type')).toMatch(/^application\/json/);
      expect(JSON.parse(write.text)).toEqual({ error: expect.any(String) });
      expect(Number(write.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(write.headers.get('cache-control')).toBe('private, no-store');
      expect(write.ms).toBeLessThan(REQUEST_TIMEOUT_MS);
    }
  });

  it('recovers by itself within 5 s once the database is back', async () => {
    await own().startDatabase();
    const restartedAt = Date.now();
    let last: Reply | null = null;
    while (Date.now() - restartedAt < RECOVERY_LIMIT_MS) {
      last = await get(fresh.urls.de);
      if (last.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    console.log(`[outage] the uncached page answered ${last?.status} ${Date.now() - restartedAt} ms after the database was back`);
    expect(last?.status).toBe(200);
    expect(headingOf(last?.text ?? '')).toBe(fresh.title.de);
    const english = await get(fresh.urls.en);
    expect(english.status).toBe(200);
    expect(headingOf(english.text)).toBe(fresh.title.en);
    expect((await get(SEARCH_PATHS[0] ?? '/de/suche?q=Irak')).status).toBe(200);
  });

  it('wrote nothing, not even half, for the refused writes', async () => {
    expect(await contentCounts()).toEqual(before);
    const stored = await withDatabase((prisma) =>
      prisma.article.findUniqueOrThrow({ where: { id: fresh.id }, select: { withdrawnAt: true, translations: { select: { locale: true, title: true } } } }),
    );
    expect(stored.withdrawnAt).toBeNull();
    expect(Object.fromEntries(stored.translations.map((t) => [t.locale, t.title]))).toEqual(fresh.title);
    // And writing works again.
    const input = articleInput();
    const reply = await api('PUT', `/api/articles/${fresh.id}`, { ...input, translations: { de: input.translations.de } });
    expect(reply.status, reply.text).toBe(200);
  });
});

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
