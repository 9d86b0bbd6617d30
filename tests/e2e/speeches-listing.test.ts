import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '@/i18n/routing';
import { launchBrowser } from './browser';
import { expectedCard, LOCALES, listedArticles, listedCards, openReaderPage, redirectTarget, request, SITE_URL, translationOf, visit } from './helpers';
import { parseRss, parseSitemap } from '../helpers/xml-documents';

/* The speeches listing: one route, one query, one message namespace (i18n/routing.ts '/speeches'). */

const SPEECHES: Record<Locale, { path: string; feed: string; heading: string; nav: string }> = {
  de: { path: '/de/reden', feed: '/de/reden/feed.xml', heading: 'Reden', nav: 'Reden' },
  en: { path: '/en/speeches', feed: '/en/speeches/feed.xml', heading: 'Speeches', nav: 'Speeches' },
};

const speeches = (locale: Locale) => listedArticles(locale).filter((article) => article.input.type === 'speech');

describe('the speeches listing', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await openReaderPage(browser);
  });

  afterAll(async () => {
    await browser.close();
  });

  it('has speeches in the demo content to show', () => {
    for (const locale of LOCALES) expect(speeches(locale).length).toBeGreaterThan(0);
  });

  for (const locale of LOCALES) {
    const text = SPEECHES[locale];

    it(`${text.path} lists exactly the ${locale} speeches, newest first`, async () => {
      expect(await visit(page, text.path)).toBe(200);
      expect(await page.locator('h1').textContent()).toBe(text.heading);
      expect(await listedCards(page.locator('main'))).toEqual(speeches(locale).map((article) => expectedCard(locale, article)));
    });

    it(`is linked from the header navigation in ${locale}`, async () => {
      expect(await visit(page, `/${locale}`)).toBe(200);
      const link = page.getByRole('navigation', { name: locale === 'de' ? 'Hauptnavigation' : 'Main navigation' }).getByRole('link', { name: text.nav, exact: true });
      expect(await link.getAttribute('href')).toBe(text.path);
    });

    it(`announces its own feed, which carries only speeches (${locale})`, async () => {
      expect(await visit(page, text.path)).toBe(200);
      expect(await page.locator('link[rel="alternate"][type="application/rss+xml"]').getAttribute('href')).toBe(`${SITE_URL}${text.feed}`);
      const response = await request(text.feed);
      expect(response.status).toBe(200);
      const feed = parseRss(await response.text());
      expect(feed.items.map((item) => item.title)).toEqual(speeches(locale).map((article) => translationOf(article, locale).title));
    });

    it(`numbers later pages as paths: ${text.path}?page=2 redirects permanently, a page past the end is 404 (${locale})`, async () => {
      const old = await request(`${text.path}?page=2`, { redirect: 'manual' });
      expect(old.status).toBe(308);
      expect(redirectTarget(old)).toBe(`${text.path}/${locale === 'de' ? 'seite' : 'page'}/2`);
      expect((await request(`${text.path}/${locale === 'de' ? 'seite' : 'page'}/2`)).status).toBe(404);
    });
  }

  it('is in the sitemap in both languages, each naming the other', async () => {
    const urls = parseSitemap(await (await request('/sitemaps/sitemap/0.xml')).text());
    for (const locale of LOCALES) {
      const entry = urls.find((url) => url.loc === `${SITE_URL}${SPEECHES[locale].path}`);
      expect(entry?.alternates).toEqual({ de: `${SITE_URL}${SPEECHES.de.path}`, en: `${SITE_URL}${SPEECHES.en.path}`, 'x-default': `${SITE_URL}${SPEECHES.de.path}` });
    }
  });
});
