import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { otherLocale, type Locale } from '@/i18n/routing';
import { sharedBrowser } from './browser';
import {
  articlePath,
  demoArticle,
  demoArticles,
  demoTag,
  headLinks,
  LOCALES,
  openReaderPage,
  pathOf,
  request,
  SITE_URL,
  tagPath,
  translationOf,
  visit,
} from './helpers';

const BOTH = demoArticle('01');
const GERMAN_ONLY = demoArticle('04');
const ENGLISH_ONLY = demoArticle('09');
const IRAQ = demoTag('irak');

/** The switch names the language it leads to, in that language. */
const SWITCH_NAME: Record<Locale, string> = { de: 'English', en: 'Deutsch' };
const MISSING: Record<Locale, { notice: string; link: string }> = {
  de: { notice: 'Diesen Beitrag gibt es nicht auf Englisch.', link: 'Zur englischen Startseite' },
  en: { notice: 'This article is not available in German.', link: 'Go to the German home page' },
};
const TAG_HEADING: Record<Locale, string> = { de: 'Schlagwort: Irak', en: 'Tag: Iraq' };

const browser = sharedBrowser();

async function readerAt(path: string, locale: Locale = 'de'): Promise<Page> {
  const page = await openReaderPage(browser, { locale });
  expect(await visit(page, path), path).toBe(200);
  return page;
}

/** Follows the header's language switch like a reader and returns the page it leads to. */
async function followSwitch(page: Page, from: Locale): Promise<void> {
  const link = page.getByRole('banner').getByRole('link', { name: SWITCH_NAME[from], exact: true });
  expect(await link.getAttribute('hreflang')).toBe(otherLocale(from));
  await Promise.all([page.waitForURL((url) => url.pathname.startsWith(`/${otherLocale(from)}`)), link.click()]);
}

function absolute(path: string): string {
  return `${SITE_URL}${path}`;
}

describe('language switch without JavaScript', () => {
  for (const from of LOCALES) {
    const to = otherLocale(from);

    it(`leads from an article in ${from} to the same article in ${to}`, async () => {
      const page = await readerAt(articlePath(from, translationOf(BOTH, from).slug), from);
      await followSwitch(page, from);
      expect(pathOf(page)).toBe(articlePath(to, translationOf(BOTH, to).slug));
      expect(await page.locator('html').getAttribute('lang')).toBe(to);
      expect(await page.locator('h1').allTextContents()).toEqual([translationOf(BOTH, to).title]);
      await page.context().close();
    });

    it(`leads from the ${from} home page to the ${to} home page`, async () => {
      const page = await readerAt(`/${from}`, from);
      await followSwitch(page, from);
      expect(pathOf(page)).toBe(`/${to}`);
      expect(await page.locator('html').getAttribute('lang')).toBe(to);
      await page.context().close();
    });

    it(`leads from a ${from} tag page to the same tag in ${to}`, async () => {
      const page = await readerAt(tagPath(from, IRAQ[from].slug), from);
      await followSwitch(page, from);
      expect(pathOf(page)).toBe(tagPath(to, IRAQ[to].slug));
      expect(await page.locator('h1').allTextContents()).toEqual([TAG_HEADING[to]]);
      await page.context().close();
    });
  }

  it('remembers the chosen language for the next visit to /', async () => {
    const page = await readerAt(articlePath('de', translationOf(BOTH, 'de').slug), 'de');
    await followSwitch(page, 'de');
    expect(await visit(page, '/')).toBe(200);
    expect(pathOf(page)).toBe('/en');
    await page.context().close();
  });

  for (const [locale, article] of [
    ['de', GERMAN_ONLY],
    ['en', ENGLISH_ONLY],
  ] as const) {
    const other = otherLocale(locale);

    it(`says so when a ${locale} article has no ${other} text, and offers the ${other} home page`, async () => {
      expect(article.input.translations[other]).toBeUndefined();
      const page = await readerAt(articlePath(locale, translationOf(article, locale).slug), locale);
      const banner = page.getByRole('banner');
      await expect(banner.getByText(MISSING[locale].notice).isVisible()).resolves.toBe(true);
      await expect(banner.getByRole('link', { name: SWITCH_NAME[locale], exact: true }).count()).resolves.toBe(0);
      const home = banner.getByRole('link', { name: MISSING[locale].link, exact: true });
      // The link carries the marker that stores the reader's choice, then lands on the clean URL.
      const href = await home.getAttribute('href');
      expect(href).toBe(`/${other}?sprachwahl`);
      expect((await request(`/${other}`)).status).toBe(200);
      await Promise.all([page.waitForURL((url) => url.pathname === `/${other}`), home.click()]);
      expect(await page.locator('html').getAttribute('lang')).toBe(other);
      await page.context().close();
    });
  }
});

describe('canonical and hreflang links', () => {
  let page: Page;

  beforeAll(async () => {
    page = await openReaderPage(browser);
  });

  async function linksOf(path: string) {
    expect(await visit(page, path), path).toBe(200);
    return headLinks(page);
  }

  for (const locale of LOCALES) {
    it(`name both languages and x-default on an article in ${locale} with both texts`, async () => {
      const de = absolute(articlePath('de', translationOf(BOTH, 'de').slug));
      const en = absolute(articlePath('en', translationOf(BOTH, 'en').slug));
      expect(await linksOf(articlePath(locale, translationOf(BOTH, locale).slug))).toEqual({
        canonical: locale === 'de' ? de : en,
        alternates: { de, en, 'x-default': de },
      });
    });

    it(`name both languages and x-default on the ${locale} home and tag pages`, async () => {
      expect(await linksOf(`/${locale}`)).toEqual({
        canonical: absolute(`/${locale}`),
        alternates: { de: absolute('/de'), en: absolute('/en'), 'x-default': absolute('/de') },
      });
      const tagDe = absolute(tagPath('de', IRAQ.de.slug));
      const tagEn = absolute(tagPath('en', IRAQ.en.slug));
      expect(await linksOf(tagPath(locale, IRAQ[locale].slug))).toEqual({
        canonical: locale === 'de' ? tagDe : tagEn,
        alternates: { de: tagDe, en: tagEn, 'x-default': tagDe },
      });
    });
  }

  it('name only German on a German-only article, and only English on an English-only one', async () => {
    const de = absolute(articlePath('de', translationOf(GERMAN_ONLY, 'de').slug));
    expect(await linksOf(articlePath('de', translationOf(GERMAN_ONLY, 'de').slug))).toEqual({ canonical: de, alternates: { de } });
    const en = absolute(articlePath('en', translationOf(ENGLISH_ONLY, 'en').slug));
    expect(await linksOf(articlePath('en', translationOf(ENGLISH_ONLY, 'en').slug))).toEqual({ canonical: en, alternates: { en } });
  });

  it('give every article an absolute canonical URL on SITE_URL that is its own address', async () => {
    for (const article of demoArticles()) {
      for (const locale of LOCALES) {
        const text = article.input.translations[locale];
        if (!text) continue;
        const { canonical } = await linksOf(articlePath(locale, text.slug));
        expect(canonical, article.file).toBe(absolute(articlePath(locale, text.slug)));
      }
    }
  });
});
