import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locale } from '@/i18n/routing';
import { createPrismaClient } from '@/lib/prisma-client';
import { sharedBrowser } from './browser';
import {
  homePagePath,
  articleIdBySlug,
  articlePath,
  demoArticle,
  demoTag,
  listedCards,
  openReaderPage,
  redirectTarget,
  request,
  revalidate,
  saveArticle,
  tagPath,
  translationOf,
  visit,
  withTranslation,
} from './helpers';

const BOTH = demoArticle('01');
const GERMAN_ONLY = demoArticle('04');
const ENGLISH_ONLY = demoArticle('09');
const IRAQ = demoTag('irak');
const TEMPORARY = [302, 303, 307];

const browser = sharedBrowser();

/** Follows redirects one by one: every hop's status, and where the chain ends. */
async function redirectChain(path: string): Promise<{ statuses: number[]; end: string; endStatus: number }> {
  const statuses: number[] = [];
  let current = path;
  for (let hop = 0; hop < 5; hop += 1) {
    const response = await request(current);
    const target = redirectTarget(response);
    if (response.status < 300 || response.status >= 400 || target === null) {
      return { statuses, end: current, endStatus: response.status };
    }
    statuses.push(response.status);
    current = target;
  }
  throw new Error(`more than 5 redirects from ${path}`);
}

describe('the root URL / chooses the language', () => {
  it('by Accept-Language', async () => {
    const response = await request('/', { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(TEMPORARY).toContain(response.status);
    expect(redirectTarget(response)).toBe('/en');
  });

  it('by the NEXT_LOCALE cookie before Accept-Language', async () => {
    const response = await request('/', { headers: { 'accept-language': 'de-DE,de;q=0.9', cookie: 'NEXT_LOCALE=en' } });
    expect(TEMPORARY).toContain(response.status);
    expect(redirectTarget(response)).toBe('/en');
  });

  it('in German when the reader states no language we have', async () => {
    const readers: Record<string, string>[] = [{}, { 'accept-language': 'fr-FR,fr;q=0.9' }];
    for (const headers of readers) {
      const response = await request('/', { headers });
      expect(TEMPORARY).toContain(response.status);
      expect(redirectTarget(response)).toBe('/de');
    }
  });
});

describe('permanent redirects to the canonical URL', () => {
  const deArticle = articlePath('de', translationOf(BOTH, 'de').slug);
  const cases: [string, string][] = [
    ['/DE', '/de'],
    ['/EN/TAG/IRAQ', tagPath('en', IRAQ.en.slug)],
    [deArticle.toUpperCase(), deArticle],
    ['/DE?page=2', homePagePath('de', 2)],
    ['/de?page=2', homePagePath('de', 2)],
    ['/en?page=2', homePagePath('en', 2)],
    ['/de?page=1', '/de'],
    ['/de/seite/1', '/de'],
    ['/en/seite/2', homePagePath('en', 2)],
    ['/de/page/2', homePagePath('de', 2)],
    [`/en/schlagwort/${IRAQ.en.slug}`, tagPath('en', IRAQ.en.slug)],
    [`${tagPath('en', IRAQ.en.slug)}?page=1`, tagPath('en', IRAQ.en.slug)],
    [`${tagPath('en', IRAQ.en.slug)}/page/1`, tagPath('en', IRAQ.en.slug)],
    ['/de/', '/de'],
    [`${deArticle}/`, deArticle],
    [`${tagPath('de', IRAQ.de.slug)}/`, tagPath('de', IRAQ.de.slug)],
    ['/De/', '/de'],
  ];

  for (const [from, to] of cases) {
    it(`${from} → ${to}`, async () => {
      const { statuses, end, endStatus } = await redirectChain(from);
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.every((status) => status === 308), `statuses ${statuses.join(', ')}`).toBe(true);
      expect(end).toBe(to);
      expect(endStatus).toBe(200);
    });
  }
});

describe('an article slug under the other language prefix', () => {
  const cases: [string, string, string][] = [
    ['a German slug under /en', articlePath('en', translationOf(BOTH, 'de').slug), articlePath('en', translationOf(BOTH, 'en').slug)],
    ['an English slug under /de', articlePath('de', translationOf(BOTH, 'en').slug), articlePath('de', translationOf(BOTH, 'de').slug)],
    [
      'a German-only article under /en',
      articlePath('en', translationOf(GERMAN_ONLY, 'de').slug),
      articlePath('de', translationOf(GERMAN_ONLY, 'de').slug),
    ],
    [
      'an English-only article under /de',
      articlePath('de', translationOf(ENGLISH_ONLY, 'en').slug),
      articlePath('en', translationOf(ENGLISH_ONLY, 'en').slug),
    ],
  ];

  for (const [name, from, to] of cases) {
    it(`redirects permanently: ${name}`, async () => {
      const response = await request(from);
      expect(response.status).toBe(308);
      expect(redirectTarget(response)).toBe(to);
      expect((await request(to)).status).toBe(200);
    });
  }
});

describe('localized 404 pages', () => {
  const NOT_FOUND: Record<Locale, { heading: string; home: string }> = {
    de: { heading: 'Seite nicht gefunden', home: 'Zur Startseite' },
    en: { heading: 'Page not found', home: 'Go to the home page' },
  };
  const cases: [string, Locale, string][] = [
    ['unknown article', 'de', articlePath('de', 'diesen-beitrag-gibt-es-nicht')],
    ['unknown article', 'en', articlePath('en', 'there-is-no-such-article')],
    ['unknown tag', 'de', tagPath('de', 'gibt-es-nicht')],
    ['unknown tag', 'en', tagPath('en', 'no-such-tag')],
    ['unknown path', 'de', '/de/gibt/es/nicht'],
    ['unknown path', 'en', '/en/no/such/page'],
    ['unsupported language prefix', 'de', '/fr/article/quelque-chose'],
    ['unsupported language prefix alone', 'de', '/fr'],
    ['home page out of range', 'de', homePagePath('de', 999)],
    ['home page out of range', 'en', homePagePath('en', 999)],
    ['home page that is no number', 'de', '/de/seite/abc'],
    ['home page that is no number', 'en', '/en/page/abc'],
    ['tag page out of range', 'de', tagPath('de', IRAQ.de.slug, 2)],
    ['tag page out of range', 'en', tagPath('en', IRAQ.en.slug, 2)],
  ];
  let page: Page;

  beforeAll(async () => {
    page = await openReaderPage(browser);
  });

  for (const [name, locale, path] of cases) {
    it(`${path} (${name}) answers 404`, async () => {
      expect((await request(path)).status).toBe(404);
    });

    it(`${path} (${name}) shows the ${locale} 404 page without JavaScript`, async () => {
      expect(await visit(page, path)).toBe(404);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      expect(await page.locator('h1').allTextContents()).toEqual([NOT_FOUND[locale].heading]);
      expect(await page.getByRole('link', { name: NOT_FOUND[locale].home, exact: true }).getAttribute('href')).toBe(`/${locale}`);
      expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
    });
  }
});

describe('a changed slug', () => {
  const prisma = createPrismaClient(inject('databaseUrl'), 2);
  const article = demoArticle('10');
  const { slug: oldSlug, title } = translationOf(article, 'de');
  const newSlug = `${oldSlug}-2023`;
  const oldPath = articlePath('de', oldSlug);
  const newPath = articlePath('de', newSlug);
  let articleId: number;

  beforeAll(async () => {
    articleId = await articleIdBySlug(prisma, 'de', oldSlug);
    // Warm the cache, so the test shows that the write's revalidation reaches cached pages.
    for (const path of [oldPath, '/de', articlePath('en', translationOf(article, 'en').slug)]) await request(path);
    await saveArticle(prisma, articleId, withTranslation(article, 'de', { slug: newSlug }));
  });

  afterAll(async () => {
    await saveArticle(prisma, articleId, article.input);
    await prisma.$disconnect();
  });

  it('redirects the former URL permanently to the new one', async () => {
    const response = await request(oldPath);
    expect(response.status).toBe(308);
    expect(redirectTarget(response)).toBe(newPath);
  });

  it('shows the article under the new URL', async () => {
    const page = await openReaderPage(browser);
    expect(await visit(page, newPath)).toBe(200);
    expect(await page.locator('h1').allTextContents()).toEqual([title]);
    await page.context().close();
  });

  it('links the new URL from the home page and from the English version', async () => {
    const page = await openReaderPage(browser);
    expect(await visit(page, '/de')).toBe(200);
    const hrefs = (await listedCards(page.locator('main'))).map((card) => card.href);
    expect(hrefs).toContain(newPath);
    expect(hrefs).not.toContain(oldPath);
    expect(await visit(page, articlePath('en', translationOf(article, 'en').slug))).toBe(200);
    expect(await page.getByRole('banner').getByRole('link', { name: 'Deutsch', exact: true }).getAttribute('href')).toBe(`${newPath}?sprachwahl`);
    await page.context().close();
  });
});

describe('POST /api/revalidate', () => {
  const body = JSON.stringify({ tags: ['article-lists'] });

  it('answers 401 without the secret', async () => {
    const response = await request('/api/revalidate', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'unauthorized' });
  });

  it('answers 401 with a wrong secret', async () => {
    const response = await request('/api/revalidate', {
      method: 'POST',
      headers: { authorization: `Bearer ${inject('revalidateSecret')}-wrong`, 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(401);
  });

  it('answers 200 with the secret', async () => {
    expect((await revalidate({ tags: ['article-lists'] })).status).toBe(200);
  });
});
