import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createEditorToken } from '@/lib/auth/editor-tokens';
import { applyMigrations } from '../../prisma/migrate';
import { startOwnPortal, type OwnPortal } from '../../scripts/lib/own-portal';
import { copyBuild, withPortalDatabase } from './hardening-own-portal';
import { headingOf, uniqueSuffix, withText } from './publishing-helpers';
import { cameFromCache } from './served-from-cache';
import { apiAt, getFrom, publishAt, type Published, type Reply } from './portal-client';
import type { ArticleInput } from '@/lib/content/article-input';

/*
 * What readers see is what the API last acknowledged, through restarts,
 * crashes and a change of database (lib/cache/revalidation-sync.mjs). Each
 * test is one of the reproductions operators reported: on a portal of its
 * own, the server is stopped or killed and started again on the same build
 * and cache folder, and its very first answers are checked.
 */

const CONCURRENT_WRITES = 20;

let build: ReturnType<typeof copyBuild> | null = null;
let portal: OwnPortal | null = null;
let token = '';

function own(): OwnPortal {
  if (!portal) throw new Error('the portal did not start');
  return portal;
}

const get = (path: string): Promise<Reply> => getFrom(own().baseUrl, path);
const api = (method: string, path: string, body?: unknown): Promise<Reply> => apiAt(own().baseUrl, token, method, path, body);
const publish = (input?: ArticleInput): Promise<Published> => publishAt(own().baseUrl, token, input);

/** Asks until the page comes from the ISR cache, as it would long after it was first read. */
async function cached(path: string): Promise<Reply> {
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const reply = await get(path);
    if (cameFromCache(reply)) return reply;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${path} never came from the cache`);
}

function retitled(article: Published, label: string): ArticleInput {
  const de = withText(article.input, 'de', { title: `Geändert ${label}` });
  return withText(de, 'en', { title: `Changed ${label}` });
}

beforeAll(async () => {
  build = copyBuild(inject('distDir'));
  portal = await startOwnPortal({ distDir: build.distDir, revalidateSecret: 'freshness-revalidate-secret', previewSecret: 'freshness-preview-secret' });
  token = await withPortalDatabase(own(), (prisma) => createEditorToken(prisma, `freshness-${uniqueSuffix()}`));
}, 300_000);

afterAll(async () => {
  await portal?.close();
  build?.remove();
});

describe('freshness across restarts', () => {
  it('answers 410 for a withdrawn article at the first request after a restart, and lists it nowhere', async () => {
    const article = await publish();
    for (const path of [article.urls.de, article.urls.en, '/de', '/en/feed.xml']) await cached(path);

    expect((await api('DELETE', `/api/articles/${article.id}`)).status).toBe(200);
    expect((await get(article.urls.de)).status).toBe(410);

    await own().restartServer({ signal: 'SIGTERM' });
    expect((await get(article.urls.de)).status).toBe(410);
    expect((await get(article.urls.en)).status).toBe(410);
    expect((await get('/de')).text).not.toContain(article.input.translations.de?.title);
    expect((await get('/en/feed.xml')).text).not.toContain(article.input.translations.en?.title);
  });

  it(`shows every acknowledged title at the first answer after the server is killed during ${CONCURRENT_WRITES} concurrent writes`, async () => {
    const articles: Published[] = [];
    for (let index = 0; index < CONCURRENT_WRITES; index += 1) articles.push(await publish());
    for (const article of articles) {
      await cached(article.urls.de);
      await cached(article.urls.en);
    }
    await cached('/de');

    const label = uniqueSuffix();
    const acknowledged: Published[] = [];
    let killed = false;
    const writes = articles.map((article, index) =>
      api('PUT', `/api/articles/${article.id}`, retitled(article, `${label}-${index}`))
        .then((reply) => {
          if (reply.status === 200) acknowledged.push(article);
          // kill -9 once about half the writes were answered, with the rest in flight.
          if (!killed && acknowledged.length >= CONCURRENT_WRITES / 2) {
            killed = true;
            process.kill(own().serverPid, 'SIGKILL');
          }
        })
        .catch(() => undefined),
    );
    await Promise.all(writes);
    expect(killed).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(CONCURRENT_WRITES / 2);

    await own().restartServer({ signal: 'SIGKILL' });
    const home = await get('/de');
    for (const article of acknowledged) {
      const index = articles.indexOf(article);
      expect(headingOf((await get(article.urls.de)).text)).toBe(`Geändert ${label}-${index}`);
      expect(headingOf((await get(article.urls.en)).text)).toBe(`Changed ${label}-${index}`);
      expect(home.text).not.toContain(article.input.translations.de?.title);
    }
  });

  it('keeps serving the last good listing and feed when the database goes away right after a write, then shows the write', async () => {
    const article = await publish();
    for (const path of ['/en', '/en/feed.xml', article.urls.en]) await cached(path);
    const changed = retitled(article, `outage-${uniqueSuffix()}`);
    expect((await api('PUT', `/api/articles/${article.id}`, changed)).status).toBe(200);

    await own().stopDatabase();
    try {
      const listing = await get('/en');
      expect(listing.status).toBe(200);
      expect(listing.text).toContain(article.input.translations.en?.title);
      const feed = await get('/en/feed.xml');
      expect(feed.status).toBe(200);
      expect(feed.text).toContain('<rss');
      // Not cached at all, so nothing to fall back on: a 503 that asks to come back, never a 500.
      const sitemap = await get('/sitemap.xml');
      expect(sitemap.status).toBe(503);
      expect(sitemap.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(own().serverLog()).toContain('serving the last good copy');
    } finally {
      await own().startDatabase();
    }
    const newTitle = changed.translations.en?.title ?? '';
    await expect.poll(async () => (await get('/en')).text.includes(newTitle), { timeout: 15_000, interval: 250 }).toBe(true);
    await expect.poll(async () => (await get('/en/feed.xml')).text.includes(newTitle), { timeout: 15_000, interval: 250 }).toBe(true);
  });

  it('serves nothing of database A after a restart on an empty database B', async () => {
    const article = await publish();
    for (const path of [article.urls.de, article.urls.en, '/de', '/en', '/de/feed.xml', '/sitemaps/sitemap/0.xml']) await cached(path);

    const emptyUrl = own().databaseUrl.replace(/\/[^/]+$/, `/freshness_b_${uniqueSuffix().replace(/\W/g, '')}`);
    const admin = new pg.Client({ connectionString: own().databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${new URL(emptyUrl).pathname.slice(1)}`);
    await admin.end();
    await applyMigrations(emptyUrl);

    await own().restartServer({ env: { DATABASE_URL: emptyUrl } });
    expect((await get(article.urls.de)).status).toBe(404);
    expect((await get(article.urls.en)).status).toBe(404);
    for (const path of ['/de', '/en']) {
      const home = await get(path);
      expect(home.status).toBe(200);
      expect(home.text).not.toContain('/artikel/');
      expect(home.text).not.toContain('/article/');
    }
    expect((await get('/de/feed.xml')).text).not.toContain('<item>');
    const sitemap = await get('/sitemaps/sitemap/0.xml');
    expect(sitemap.text).not.toContain('/artikel/');
    expect(sitemap.text).not.toContain('/article/');
  });
});
