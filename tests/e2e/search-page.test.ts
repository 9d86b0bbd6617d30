import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locale } from '@/i18n/routing';
import { articleInput, parseOrThrow } from '@/lib/content/article-input';
import { createArticleInTransaction, withdrawArticleInTransaction } from '@/lib/content/save-article';
import { createPrismaClient, type PrismaClient } from '@/lib/prisma-client';
import { normalizeSearchQuery } from '@/lib/search-query';
import { openPageRecordingDialogs, sharedBrowser } from './browser';
import { articlePath, demoArticle, demoTag, LOCALES, openReaderPage, pathOf, request, revalidate, squash, translationOf, visit } from './helpers';

/*
 * The search page as a reader without JavaScript uses it: an ordinary GET
 * form, results with marked words, filters and pages in a shareable URL.
 * Expected hits are the demo articles (content/demo) that contain the word.
 */

const READER_TEXT: Record<
  Locale,
  {
    path: string;
    heading: string;
    label: string;
    headerLabel: string;
    results: (count: number, query: string) => string;
    noResults: (query: string) => string;
    removeFilters: string;
    emptyQuery: string;
    truncated: string;
    pagination: string;
    pageStatus: (page: number, pages: number) => string;
  }
> = {
  de: {
    path: '/de/suche',
    heading: 'Suche',
    label: 'Suchbegriff',
    headerLabel: 'Suche im Nachrichtenportal',
    results: (count, query) => `${count} Treffer für „${query}“`,
    noResults: (query) => `Zu „${query}“ haben wir keine Beiträge gefunden.`,
    removeFilters: 'Ohne Filter erneut suchen',
    emptyQuery: 'Geben Sie einen Suchbegriff ein, zum Beispiel ein Land, ein Thema oder einen Namen.',
    truncated: 'Ihr Suchbegriff war sehr lang. Wir haben nach den ersten 200 Zeichen gesucht.',
    pagination: 'Seitennavigation',
    pageStatus: (page, pages) => `Seite ${page} von ${pages}`,
  },
  en: {
    path: '/en/search',
    heading: 'Search',
    label: 'Search term',
    headerLabel: 'Search the news portal',
    results: (count, query) => `${count} ${count === 1 ? 'result' : 'results'} for “${query}”`,
    noResults: (query) => `We found no articles for “${query}”.`,
    removeFilters: 'Search again without filters',
    emptyQuery: 'Enter a search term, for example a country, a topic or a name.',
    truncated: 'Your search term was very long. We searched for its first 200 characters.',
    pagination: 'Pagination',
    pageStatus: (page, pages) => `Page ${page} of ${pages}`,
  },
};

/** Searches with known answers in the demo content, best match first. */
const SEARCHES: Record<
  Locale,
  { query: string; hits: string[]; marked: RegExp; filters: { tag: string; type: string; year: string; hits: string[] }; header: { query: string; hits: string[] } }
> = {
  de: {
    query: 'Syrien',
    hits: ['14', '11', '01', '04'],
    marked: /^syri/i,
    filters: { tag: demoTag('syrien').de.slug, type: 'press-release', year: '2024', hits: ['11'] },
    header: { query: 'Genf', hits: ['08'] },
  },
  en: {
    query: 'Syria',
    hits: ['14', '11', '01'],
    marked: /^syria$/i,
    filters: { tag: demoTag('syrien').en.slug, type: 'press-release', year: '2024', hits: ['11'] },
    header: { query: 'rising seas', hits: ['09'] },
  },
};

const titlesOf = (locale: Locale, prefixes: string[]) => prefixes.map((prefix) => translationOf(demoArticle(prefix), locale).title);

const browser = sharedBrowser();

function searchForm(page: Page): Locator {
  return page.locator('main form[role="search"]');
}

async function statusText(page: Page): Promise<string> {
  return squash(await page.locator('main [role="status"]').textContent());
}

async function resultTitles(page: Page): Promise<string[]> {
  return (await page.locator('section[aria-labelledby="search-results"] h3').allTextContents()).map(squash);
}

async function markedWords(page: Page): Promise<string[]> {
  return (await page.locator('section[aria-labelledby="search-results"] mark').allTextContents()).map(squash);
}

async function selectedFilters(page: Page): Promise<Record<'tag' | 'type' | 'year', string>> {
  const form = searchForm(page);
  return {
    tag: await form.locator('select[name="tag"]').inputValue(),
    type: await form.locator('select[name="type"]').inputValue(),
    year: await form.locator('select[name="year"]').inputValue(),
  };
}

/** Submits a form the way a reader does, and waits for the page it leads to. */
async function submit(page: Page, action: () => Promise<void>): Promise<void> {
  const before = page.url();
  await action();
  await page.waitForURL((url) => url.href !== before);
  await page.waitForLoadState('domcontentloaded');
}

function queryOf(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}

for (const locale of LOCALES) {
  const text = READER_TEXT[locale];
  const search = SEARCHES[locale];

  describe(`${locale} search page without JavaScript`, () => {
    let page: Page;

    beforeAll(async () => {
      page = await openReaderPage(browser);
    });

    afterAll(async () => {
      await page.context().close();
    });

    it('shows the search form with its filters, and a hint instead of results', async () => {
      expect(await visit(page, text.path)).toBe(200);
      expect(squash(await page.locator('main h1').textContent())).toBe(text.heading);
      const form = searchForm(page);
      expect(await form.getAttribute('method')).toBe('get');
      expect(await form.getAttribute('action')).toBe(text.path);
      await expect(form.getByLabel(text.label, { exact: true }).getAttribute('name')).resolves.toBe('q');
      expect(await form.locator('select[name="tag"] option').count()).toBeGreaterThan(1);
      expect(await form.locator('select[name="type"] option').allInnerTexts()).toHaveLength(5);
      expect(await form.locator('select[name="year"] option').count()).toBeGreaterThan(1);
      expect(await statusText(page)).toBe(text.emptyQuery);
      expect(await resultTitles(page)).toEqual([]);
    });

    it('is kept out of search indexes, with and without a query', async () => {
      for (const path of [text.path, `${text.path}?q=${encodeURIComponent(search.query)}`]) {
        await visit(page, path);
        expect(await page.locator('meta[name="robots"]').getAttribute('content')).toMatch(/\bnoindex\b/);
      }
    });

    it('leads from a typed query to a shareable URL with the results, best first, words marked', async () => {
      await visit(page, text.path);
      await page.getByLabel(text.label, { exact: true }).fill(search.query);
      await submit(page, () => page.getByLabel(text.label, { exact: true }).press('Enter'));

      expect(new URL(page.url()).pathname).toBe(text.path);
      expect(queryOf(page).get('q')).toBe(search.query);
      expect(await statusText(page)).toBe(text.results(search.hits.length, search.query));
      expect(await resultTitles(page)).toEqual(titlesOf(locale, search.hits));
      const marked = await markedWords(page);
      expect(marked.length).toBeGreaterThanOrEqual(search.hits.length);
      for (const word of marked) expect(word).toMatch(search.marked);
      expect(await page.getByLabel(text.label, { exact: true }).inputValue()).toBe(search.query);

      // The URL is the search: opened anew, it shows the same.
      const shared = await openReaderPage(browser);
      try {
        await visit(shared, pathOf(page));
        expect(await resultTitles(shared)).toEqual(titlesOf(locale, search.hits));
      } finally {
        await shared.context().close();
      }
    });

    it('keeps the chosen tag, type and year in the URL and in the form', async () => {
      const { filters } = search;
      await visit(page, text.path);
      const form = searchForm(page);
      await form.getByLabel(text.label, { exact: true }).fill(search.query);
      await form.locator('select[name="tag"]').selectOption(filters.tag);
      await form.locator('select[name="type"]').selectOption(filters.type);
      await form.locator('select[name="year"]').selectOption(filters.year);
      await submit(page, () => form.locator('button[type="submit"]').click());

      const query = queryOf(page);
      expect([query.get('q'), query.get('tag'), query.get('type'), query.get('year')]).toEqual([search.query, filters.tag, filters.type, filters.year]);
      expect(await selectedFilters(page)).toEqual({ tag: filters.tag, type: filters.type, year: filters.year });
      expect(await resultTitles(page)).toEqual(titlesOf(locale, filters.hits));
    });

    it('says when nothing matches, and offers the search without filters when filters were set', async () => {
      const nothing = 'Quantenchromodynamik';
      await visit(page, `${text.path}?q=${nothing}`);
      expect(await statusText(page)).toContain(text.noResults(nothing));
      expect(await page.getByRole('link', { name: text.removeFilters }).count()).toBe(0);

      await visit(page, `${text.path}?q=${encodeURIComponent(search.query)}&type=speech&year=2019`);
      expect(await statusText(page)).toContain(text.noResults(search.query));
      expect(await resultTitles(page)).toEqual([]);
      const withoutFilters = page.getByRole('link', { name: text.removeFilters });
      expect(await withoutFilters.getAttribute('href')).toBe(`${text.path}?q=${encodeURIComponent(search.query)}`);
      await submit(page, () => withoutFilters.click());
      expect(await resultTitles(page)).toEqual(titlesOf(locale, search.hits));
      expect(await selectedFilters(page)).toEqual({ tag: '', type: '', year: '' });
    });

    it('asks for a search term when the query is empty or blank', async () => {
      for (const path of [`${text.path}?q=`, `${text.path}?q=%20%20%20`, `${text.path}?q=&tag=${search.filters.tag}`]) {
        expect(await visit(page, path)).toBe(200);
        expect(await statusText(page)).toBe(text.emptyQuery);
        expect(await resultTitles(page)).toEqual([]);
      }
    });

    it('searches for the beginning of an overlong query and says so', async () => {
      const long = `${search.query} `.repeat(80).slice(0, 500);
      expect(await visit(page, `${text.path}?q=${encodeURIComponent(long)}`)).toBe(200);
      expect(await statusText(page)).toContain(text.truncated);
      const shown = await page.getByLabel(text.label, { exact: true }).inputValue();
      expect(shown).toBe(normalizeSearchQuery(long).text);
      expect([...shown].length).toBeLessThanOrEqual(200);
    });

    it('answers odd queries with a normal page that shows them as text', async () => {
      for (const raw of ["'", '"', '\\', '%', '&', '🙂 🇩🇪', '<script>alert(1)</script>', 'a <b>fett</b> &amp; b']) {
        const path = `${text.path}?q=${encodeURIComponent(raw)}`;
        expect((await request(path)).status, raw).toBe(200);
        await visit(page, path);
        const shown = normalizeSearchQuery(raw).text;
        expect(await page.getByLabel(text.label, { exact: true }).inputValue(), raw).toBe(shown);
        expect(await statusText(page), raw).toContain(text.noResults(shown));
        // Nothing the reader typed became an element.
        const elements = await page.locator('main').evaluate((main) => [...main.querySelectorAll('b, script, img')].map((element) => element.outerHTML));
        expect(elements.filter((html) => html.includes('alert') || html.includes('fett')), raw).toEqual([]);
      }
    });

    it('answers a query that is not valid UTF-8 (a lone surrogate) with a normal page', async () => {
      const path = `${text.path}?q=%ED%A0%80`;
      expect((await request(path)).status).toBe(200);
      expect(await visit(page, path)).toBe(200);
      expect(await searchForm(page).count()).toBe(1);
      expect(await statusText(page)).toMatch(/\uFFFD/);
    });

    it('answers malformed percent-encoding in a hand-made URL with a normal page', async () => {
      for (const q of ['%', '%E0%A4%A', '%FF', '100%25%']) {
        expect((await request(`${text.path}?q=${q}`)).status, q).toBe(200);
      }
    });

    it('sends the query typed into the header of an article page to the search page', async () => {
      const article = translationOf(demoArticle('01'), locale);
      await visit(page, articlePath(locale, article.slug));
      const header = page.getByRole('search').filter({ has: page.getByLabel(text.headerLabel) });
      await header.getByLabel(text.headerLabel).fill(search.header.query);
      await submit(page, () => header.getByLabel(text.headerLabel).press('Enter'));
      expect(new URL(page.url()).pathname).toBe(text.path);
      expect(queryOf(page).get('q')).toBe(search.header.query);
      expect(await resultTitles(page)).toEqual(titlesOf(locale, search.header.hits));
    });
  });
}

describe('script in a query', () => {
  it('is shown as text and never runs, even with JavaScript on', async () => {
    const { page, dialogs } = await openPageRecordingDialogs(browser);
    try {
      const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>';
      const path = `/de/suche?q=${encodeURIComponent(payload)}`;
      const html = await (await request(path)).text();
      expect(html).not.toContain('<script>alert(1)');
      expect(html).not.toContain('<img src=x');
      expect(await visit(page, path)).toBe(200);
      await page.waitForLoadState('load');
      expect(await page.locator('main [role="status"]').textContent()).toContain(payload);
      expect(await page.locator('main img[src="x"]').count()).toBe(0);
      expect(dialogs).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});

describe('pagination of search results', () => {
  /*
   * The demo content has too few articles for a second page with filters
   * set, so twelve press releases are added for the time of this test and
   * withdrawn afterwards, like the publishing tests do with theirs.
   */
  const CITIES = ['Lissabon', 'Porto', 'Madrid', 'Sevilla', 'Rom', 'Mailand', 'Athen', 'Thessaloniki', 'Zagreb', 'Split', 'Krakau', 'Danzig'];
  let prisma: PrismaClient;
  const created: number[] = [];
  let browserPage: Page;

  beforeAll(async () => {
    prisma = createPrismaClient(inject('databaseUrl'), 2);
    const cacheTags = new Set<string>();
    await prisma.$transaction(async (tx) => {
      for (const [index, city] of CITIES.entries()) {
        const input = parseOrThrow(articleInput, {
          type: 'press-release',
          status: 'published',
          publishedAt: new Date(Date.UTC(2023, index, 10, 9)).toISOString(),
          tags: ['europa'],
          translations: {
            de: { title: `Konsularsprechtag in ${city}`, slug: `konsularsprechtag-suchtest-${index + 1}`, lead: `Die Botschaft lädt zum Konsularsprechtag in ${city} ein.`, body: 'Termine nach Vereinbarung.' },
            en: { title: `Consular open day in ${city}`, slug: `consular-open-day-search-test-${index + 1}`, lead: `The embassy holds a consular open day in ${city}.`, body: 'Appointments on request.' },
          },
        });
        const saved = await createArticleInTransaction(tx, input, { author: 'e2e search tests' });
        created.push(saved.id);
        saved.cacheTags.forEach((tag) => cacheTags.add(tag));
      }
    }, { timeout: 60_000 });
    await revalidate({ tags: [...cacheTags] });
    browserPage = await openReaderPage(browser);
  });

  afterAll(async () => {
    await browserPage.context().close();
    const cacheTags = new Set<string>();
    await prisma.$transaction(async (tx) => {
      for (const id of created) (await withdrawArticleInTransaction(tx, id, { author: 'e2e search tests' })).cacheTags.forEach((tag) => cacheTags.add(tag));
    }, { timeout: 60_000 });
    await revalidate({ tags: [...cacheTags] });
    await prisma.$disconnect();
  });

  const cases: { locale: Locale; query: string; tag: string }[] = [
    { locale: 'de', query: 'Konsularsprechtag', tag: demoTag('europa').de.slug },
    { locale: 'en', query: 'consular', tag: demoTag('europa').en.slug },
  ];
  for (const { locale, query, tag } of cases) {
    const text = READER_TEXT[locale];
    it(`keeps the query and the filters on every page (${locale})`, async () => {
      const page = browserPage;
      const filters = `tag=${tag}&type=press-release&year=2023`;
      await visit(page, `${text.path}?q=${query}&${filters}`);
      expect(await statusText(page)).toBe(text.results(12, query));
      expect(await resultTitles(page)).toHaveLength(10);
      const pagination = page.getByRole('navigation', { name: text.pagination, exact: true });
      expect(squash(await pagination.locator('[aria-current="page"]').textContent())).toBe(text.pageStatus(1, 2));

      const next = pagination.locator('a[rel="next"]');
      expect(await next.getAttribute('href')).toBe(`${text.path}?q=${query}&${filters}&page=2`);
      await submit(page, () => next.click());
      expect(await resultTitles(page)).toHaveLength(2);
      expect(squash(await pagination.locator('[aria-current="page"]').textContent())).toBe(text.pageStatus(2, 2));
      expect(await selectedFilters(page)).toEqual({ tag, type: 'press-release', year: '2023' });
      expect(await page.getByLabel(text.label, { exact: true }).inputValue()).toBe(query);
      expect(await pagination.locator('a[rel="prev"]').getAttribute('href')).toBe(`${text.path}?q=${query}&${filters}`);
    });
  }
});
