import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { otherLocale, type Locale } from '@/i18n/routing';
import { sharedBrowser } from './browser';
import {
  homePagePath,
  demoArticles,
  demoTag,
  demoTags,
  expectedCard,
  LOCALES,
  listedArticles,
  listedCards,
  openReaderPage,
  PAGE_SIZE,
  pathOf,
  squash,
  tagPath,
  visit,
} from './helpers';

const READER_TEXT: Record<
  Locale,
  {
    navigation: string;
    pagination: string;
    pageStatus: (page: number, pages: number) => string;
    tags: string;
    tagHeading: (name: string) => string;
    count: (count: number) => string;
  }
> = {
  de: {
    navigation: 'Hauptnavigation',
    pagination: 'Seitennavigation',
    pageStatus: (page, pages) => `Seite ${page} von ${pages}`,
    tags: 'Schlagworte',
    tagHeading: (name) => `Schlagwort: ${name}`,
    count: (count) => (count === 1 ? '1 Beitrag' : `${count} Beiträge`),
  },
  en: {
    navigation: 'Main navigation',
    pagination: 'Pagination',
    pageStatus: (page, pages) => `Page ${page} of ${pages}`,
    tags: 'Tags',
    tagHeading: (name) => `Tag: ${name}`,
    count: (count) => (count === 1 ? '1 article' : `${count} articles`),
  },
};

const browser = sharedBrowser();

for (const locale of LOCALES) {
  const text = READER_TEXT[locale];
  const listed = listedArticles(locale);
  const pages = Math.ceil(listed.length / PAGE_SIZE);
  const firstPage = listed.slice(0, PAGE_SIZE).map((article) => expectedCard(locale, article));
  const secondPage = listed.slice(PAGE_SIZE, 2 * PAGE_SIZE).map((article) => expectedCard(locale, article));

  describe(`${locale} home page without JavaScript`, () => {
    let page: Page;

    beforeAll(async () => {
      page = await openReaderPage(browser);
    });

    async function pageStatus(): Promise<string> {
      return squash(await page.getByRole('navigation', { name: text.pagination, exact: true }).locator('[aria-current="page"]').textContent());
    }

    it('has two pages of demo articles to show', () => {
      expect(pages).toBe(2);
      expect(secondPage.length).toBeGreaterThan(0);
    });

    it('lists the newest articles first, each with date, type, title, lead and image', async () => {
      expect(await visit(page, `/${locale}`)).toBe(200);
      expect(await listedCards(page.locator('main'))).toEqual(firstPage);
      expect(await pageStatus()).toBe(text.pageStatus(1, pages));
    });

    it('shows the older articles on page 2', async () => {
      expect(await visit(page, homePagePath(locale, 2))).toBe(200);
      expect(await listedCards(page.locator('main'))).toEqual(secondPage);
      expect(await pageStatus()).toBe(text.pageStatus(2, pages));
    });

    it('lists only articles that have text in the language', async () => {
      const missing = demoArticles().filter((article) => article.input.translations[locale] === undefined);
      expect(missing.length).toBeGreaterThan(0);
      const shownTitles: string[] = [];
      for (const path of [`/${locale}`, homePagePath(locale, 2)]) {
        expect(await visit(page, path)).toBe(200);
        shownTitles.push(...(await listedCards(page.locator('main'))).map((card) => card.title));
      }
      const otherTitles = missing.flatMap((article) => article.input.translations[otherLocale(locale)]?.title ?? []);
      expect(shownTitles.length).toBeGreaterThan(0);
      expect(shownTitles.filter((title) => otherTitles.includes(title))).toEqual([]);
    });

    it('pages forward and back through rel=next and rel=prev links', async () => {
      expect(await visit(page, `/${locale}`)).toBe(200);
      await expect(page.locator('main a[rel="prev"]').count()).resolves.toBe(0);
      await Promise.all([page.waitForURL((url) => url.pathname === homePagePath(locale, 2)), page.locator('main a[rel="next"]').click()]);
      expect(pathOf(page)).toBe(homePagePath(locale, 2));
      expect(await pageStatus()).toBe(text.pageStatus(2, pages));
      expect(await listedCards(page.locator('main'))).toEqual(secondPage);
      await expect(page.locator('main a[rel="next"]').count()).resolves.toBe(0);
      await Promise.all([page.waitForURL((url) => url.search === ''), page.locator('main a[rel="prev"]').click()]);
      expect(pathOf(page)).toBe(`/${locale}`);
      expect(await listedCards(page.locator('main'))).toEqual(firstPage);
    });

    it('shows every tag with its number of articles, most used first, linking to its page', async () => {
      expect(await visit(page, `/${locale}`)).toBe(200);
      const cloud = page.getByRole('region', { name: text.tags, exact: true });
      const entries = await cloud.getByRole('link').evaluateAll((links) =>
        links.map((link) => ({ label: link.textContent ?? '', href: link.getAttribute('href') ?? '' })),
      );
      const expected = Object.entries(demoTags())
        .map(([key, tag]) => ({ tag: tag[locale], count: listedArticles(locale, key).length }))
        .filter(({ count }) => count > 0)
        .map(({ tag, count }) => ({ label: `${tag.name} (${count})`, href: tagPath(locale, tag.slug) }));
      const byHref = (a: { href: string }, b: { href: string }) => a.href.localeCompare(b.href);
      const shown = entries.map((entry) => ({ ...entry, label: squash(entry.label) }));
      expect([...shown].sort(byHref)).toEqual([...expected].sort(byHref));
      const counts = shown.map((entry) => Number(/\((\d+)\)$/.exec(entry.label)?.[1]));
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    });
  });

  describe(`${locale} tag pages without JavaScript`, () => {
    let page: Page;

    beforeAll(async () => {
      page = await openReaderPage(browser);
    });

    for (const [key, tag] of Object.entries(demoTags())) {
      const { name, slug } = tag[locale];
      const tagged = listedArticles(locale, key);

      it(`${tagPath(locale, slug)} lists the ${locale} articles tagged ${name}, newest first, with their number`, async () => {
        expect(await visit(page, tagPath(locale, slug))).toBe(200);
        expect(await page.locator('h1').allTextContents()).toEqual([text.tagHeading(name)]);
        expect(await page.locator('main').getByText(text.count(tagged.length), { exact: true }).count()).toBe(1);
        expect(await listedCards(page.locator('main'))).toEqual(tagged.map((article) => expectedCard(locale, article)));
        // No demo tag has more than one page of articles.
        await expect(page.getByRole('navigation', { name: text.pagination, exact: true }).count()).resolves.toBe(0);
      });
    }

    it('links to the tag overview on the home page from the main navigation', async () => {
      const { slug } = demoTag('irak')[locale];
      expect(await visit(page, tagPath(locale, slug))).toBe(200);
      const link = page.getByRole('navigation', { name: text.navigation, exact: true }).getByRole('link', { name: text.tags, exact: true });
      await Promise.all([page.waitForURL((url) => url.pathname === `/${locale}`), link.click()]);
      const anchor = new URL(page.url()).hash;
      expect(anchor).not.toBe('');
      expect(squash(await page.locator(anchor).textContent())).toBe(text.tags);
    });
  });
}
