import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locale } from '@/i18n/routing';
import { createPrismaClient } from '@/lib/prisma-client';
import { sharedBrowser } from './browser';
import {
  articleIdBySlug,
  articlePath,
  demoArticle,
  demoTag,
  expectedCard,
  LOCALES,
  listedArticles,
  listedCards,
  openReaderPage,
  request,
  saveArticle,
  squash,
  tagPath,
  translationOf,
  visit,
  withTranslation,
} from './helpers';

const ARTICLE = demoArticle('01');

const READER_TEXT: Record<
  Locale,
  { siteName: string; navigation: string; dateLine: string; tags: string; share: string; related: string; backToTop: string }
> = {
  de: {
    siteName: 'Bundesamt für Außenbeziehungen – Nachrichtenportal',
    navigation: 'Hauptnavigation',
    dateLine: '04.06.2020 – Artikel',
    tags: 'Schlagworte',
    share: 'Beitrag teilen',
    related: 'Das könnte Sie auch interessieren',
    backToTop: 'nach oben',
  },
  en: {
    siteName: 'Federal Office for External Relations – News portal',
    navigation: 'Main navigation',
    dateLine: '4 June 2020 – Article',
    tags: 'Tags',
    share: 'Share this article',
    related: 'Related articles',
    backToTop: 'Back to top',
  },
};

const browser = sharedBrowser();

for (const locale of LOCALES) {
  describe(`article page (${locale}) without JavaScript`, () => {
    const text = translationOf(ARTICLE, locale);
    const expected = READER_TEXT[locale];
    let page: Page;

    beforeAll(async () => {
      page = await openReaderPage(browser);
      expect(await visit(page, articlePath(locale, text.slug))).toBe(200);
    });

    it('declares the language of the text', async () => {
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
    });

    it('has a header with the main navigation', async () => {
      const navigation = page.getByRole('banner').getByRole('navigation', { name: expected.navigation });
      await expect(navigation.count()).resolves.toBe(1);
      expect(await navigation.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toContain(`/${locale}`);
    });

    it('has exactly one h1, the title, which also names the document', async () => {
      expect(await page.locator('h1').allTextContents()).toEqual([text.title]);
      expect(await page.title()).toBe(`${text.title} | ${expected.siteName}`);
    });

    it('shows the lead image with alt text, caption and photo credit', async () => {
      const image = ARTICLE.input.image;
      if (!image) throw new Error('demo article 01 has a lead image');
      const figure = page.locator('main article figure').filter({ has: page.locator('img') });
      const img = figure.locator('img');
      expect(await img.getAttribute('alt')).toBe(image.alt[locale]);
      expect(await img.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0)).toBe(true);
      const caption = squash(await figure.locator('figcaption').textContent());
      expect(image.credit).toMatch(/^© /);
      expect(caption).toContain(image.caption?.[locale] ?? '(no caption in the demo)');
      expect(caption).toContain(image.credit ?? '(no credit in the demo)');
    });

    it('states date and type of the article', async () => {
      const line = page.locator('main article p').filter({ has: page.locator('time') }).first();
      expect(squash(await line.textContent())).toBe(expected.dateLine);
    });

    it('shows the lead', async () => {
      await expect(page.getByText(text.lead, { exact: true }).isVisible()).resolves.toBe(true);
    });

    it('outlines the body with its three subheadings, then tags, sharing and related articles', async () => {
      const subheadings = [...text.body.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
      expect(subheadings).toHaveLength(3);
      expect((await page.locator('main h2').allTextContents()).map(squash)).toEqual([...subheadings, expected.tags, expected.share, expected.related]);
    });

    it('shows the quotation with its speaker named', async () => {
      const speaker = /^> — (.+)$/m.exec(text.body)?.[1];
      const firstQuoted = /^> ([^.]+\.)/m.exec(text.body)?.[1];
      if (!speaker || !firstQuoted) throw new Error('demo article 01 ends with a quotation and its speaker');
      const quote = page.locator('main figure').filter({ has: page.locator('blockquote') });
      await expect(quote.count()).resolves.toBe(1);
      expect(squash(await quote.locator('blockquote').textContent())).toContain(firstQuoted);
      expect(squash(await quote.locator('figcaption').textContent())).toBe(`— ${speaker}`);
    });

    it('lists its tags with links to tag pages that answer 200', async () => {
      const section = page.getByRole('region', { name: expected.tags, exact: true });
      const links = await section.getByRole('link').evaluateAll((anchors) =>
        anchors.map((a) => ({ name: a.textContent ?? '', href: a.getAttribute('href') ?? '' })),
      );
      expect(links).toEqual(
        ARTICLE.input.tags.map((key) => {
          const tag = demoTag(key)[locale];
          return { name: tag.name, href: tagPath(locale, tag.slug) };
        }),
      );
      for (const { href } of links) expect((await request(href)).status, href).toBe(200);
    });

    it('offers the newest articles sharing a tag as related articles, all reachable', async () => {
      const related = listedArticles(locale)
        .filter((other) => other.file !== ARTICLE.file)
        .filter((other) => other.input.tags.some((tag) => ARTICLE.input.tags.includes(tag)))
        .slice(0, 3);
      const cards = await listedCards(page.getByRole('region', { name: expected.related, exact: true }));
      expect(cards).toEqual(related.map((other) => expectedCard(locale, other)));
      for (const { href } of cards) expect((await request(href)).status, href).toBe(200);
    });

    it('has a back-to-top link to #top, which exists', async () => {
      const link = page.getByRole('link', { name: expected.backToTop, exact: true });
      expect(await link.getAttribute('href')).toBe('#top');
      await expect(page.locator('#top').count()).resolves.toBe(1);
    });

    it('ends with a footer', async () => {
      const footer = page.getByRole('contentinfo');
      await expect(footer.count()).resolves.toBe(1);
      expect(squash(await footer.textContent())).not.toBe('');
      expect(await page.locator('main footer').count()).toBe(0);
    });
  });
}

describe('titles with markup characters', () => {
  const ARTICLE_07 = demoArticle('07');

  for (const locale of LOCALES) {
    it(`shows the ${locale} title of article 07 with its quotes and ampersand as written`, async () => {
      const { title, slug } = translationOf(ARTICLE_07, locale);
      expect(title).toMatch(/&/);
      expect(title).toMatch(/"/);
      const page = await openReaderPage(browser);
      expect(await visit(page, articlePath(locale, slug))).toBe(200);
      expect(await page.locator('h1').allTextContents()).toEqual([title]);
      expect(await page.title()).toBe(`${title} | ${READER_TEXT[locale].siteName}`);
      await page.context().close();
    });
  }

  describe('after an editor puts angle brackets into the title', () => {
    const prisma = createPrismaClient(inject('databaseUrl'), 2);
    const { slug, title } = translationOf(ARTICLE_07, 'de');
    const markupTitle = `${title} <b>fett</b> & <script>alert("x")</script> 'ok'`;
    let articleId: number;

    beforeAll(async () => {
      articleId = await articleIdBySlug(prisma, 'de', slug);
      await saveArticle(prisma, articleId, withTranslation(ARTICLE_07, 'de', { title: markupTitle }));
    });

    afterAll(async () => {
      await saveArticle(prisma, articleId, ARTICLE_07.input);
      await prisma.$disconnect();
    });

    it('renders <, >, &, and quotes literally in the h1 and the document title', async () => {
      const page = await openReaderPage(browser);
      expect(await visit(page, articlePath('de', slug))).toBe(200);
      expect(await page.locator('h1').allTextContents()).toEqual([markupTitle]);
      expect(await page.locator('h1 b, h1 script').count()).toBe(0);
      expect(await page.title()).toBe(`${markupTitle} | ${READER_TEXT.de.siteName}`);
      await page.context().close();
    });
  });
});
