import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { otherLocale, type Locale } from '@/i18n/routing';
import { createPrismaClient } from '@/lib/prisma-client';
import { openPage, sharedBrowser } from './browser';
import {
  articleIdBySlug,
  articlePath,
  baseUrl,
  demoArticle,
  demoTag,
  LOCALES,
  openReaderPage,
  saveArticle,
  SITE_URL,
  translationOf,
  visit,
  withTranslation,
  type DemoArticle,
} from './helpers';

/*
 * What a link preview, a search engine, a reader passing an article on and a
 * reader printing it get. Article 01 has an image, both languages and tags;
 * article 04 exists in German only and has no image.
 */

const ARTICLE = demoArticle('01');
const GERMAN_ONLY = demoArticle('04');

const OPEN_GRAPH_LOCALE: Record<Locale, string> = { de: 'de_DE', en: 'en_GB' };

const READER_TEXT: Record<
  Locale,
  {
    siteName: string;
    publisher: string;
    share: string;
    networks: Record<'x' | 'facebook' | 'linkedin' | 'whatsapp' | 'bluesky', string>;
    email: string;
    copyLink: string;
    copied: string;
    printAddress: string;
    navigation: string;
    backToTop: string;
  }
> = {
  de: {
    siteName: 'Bundesamt für Außenbeziehungen – Nachrichtenportal',
    publisher: 'Bundesamt für Außenbeziehungen (Demo)',
    share: 'Beitrag teilen',
    networks: {
      x: 'Auf X teilen',
      facebook: 'Auf Facebook teilen',
      linkedin: 'Auf LinkedIn teilen',
      whatsapp: 'Über WhatsApp teilen',
      bluesky: 'Auf Bluesky teilen',
    },
    email: 'Per E-Mail senden',
    copyLink: 'Link kopieren',
    copied: 'Der Link wurde in die Zwischenablage kopiert.',
    printAddress: 'Adresse dieses Beitrags',
    navigation: 'Hauptnavigation',
    backToTop: 'nach oben',
  },
  en: {
    siteName: 'Federal Office for External Relations – News portal',
    publisher: 'Federal Office for External Relations (demo)',
    share: 'Share this article',
    networks: {
      x: 'Share on X',
      facebook: 'Share on Facebook',
      linkedin: 'Share on LinkedIn',
      whatsapp: 'Share on WhatsApp',
      bluesky: 'Share on Bluesky',
    },
    email: 'Send by email',
    copyLink: 'Copy link',
    copied: 'The link has been copied to the clipboard.',
    printAddress: 'Address of this article',
    navigation: 'Main navigation',
    backToTop: 'Back to top',
  },
};

const demoImages = z
  .array(z.object({ id: z.string(), width: z.number(), height: z.number() }))
  .parse(JSON.parse(readFileSync(path.resolve(import.meta.dirname, '..', '..', 'content', 'demo', 'images.json'), 'utf8')));

function demoImage(article: DemoArticle) {
  const found = demoImages.find((image) => image.id === article.input.image?.mediaId);
  if (!found) throw new Error(`${article.file} has no demo image`);
  return found;
}

function canonicalUrl(locale: Locale, article: DemoArticle): string {
  return `${SITE_URL}${articlePath(locale, translationOf(article, locale).slug)}`;
}

function expectedTagNames(locale: Locale, article: DemoArticle): string[] {
  return article.input.tags.map((key) => {
    const name = demoTag(key)[locale]?.name;
    if (!name) throw new Error(`tag ${key} has no ${locale} name`);
    return name;
  });
}

type HeadMeta = Array<{ key: string; content: string }>;

/** Every `<meta property|name content>` of the document, in order. */
async function headMeta(page: Page): Promise<HeadMeta> {
  return page.$$eval('head meta[property], head meta[name]', (elements) =>
    elements.map((element) => ({
      key: element.getAttribute('property') ?? element.getAttribute('name') ?? '',
      content: element.getAttribute('content') ?? '',
    })),
  );
}

function all(meta: HeadMeta, key: string): string[] {
  return meta.filter((entry) => entry.key === key).map((entry) => entry.content);
}

function one(meta: HeadMeta, key: string): string {
  const values = all(meta, key);
  expect(values, key).toHaveLength(1);
  return values[0] ?? '';
}

const imageObject = z.object({ '@type': z.literal('ImageObject'), url: z.string(), width: z.number(), height: z.number() });
const organization = z.object({ '@type': z.string(), name: z.string(), url: z.string(), logo: imageObject });
const translationReference = z.object({ '@type': z.literal('NewsArticle'), '@id': z.string(), url: z.string(), inLanguage: z.string() });
const newsArticle = z.object({
  '@context': z.literal('https://schema.org'),
  '@type': z.literal('NewsArticle'),
  '@id': z.string(),
  url: z.string(),
  headline: z.string(),
  description: z.string(),
  datePublished: z.string(),
  dateModified: z.string(),
  inLanguage: z.string(),
  image: z
    .object({
      '@type': z.literal('ImageObject'),
      url: z.string(),
      width: z.number(),
      height: z.number(),
      caption: z.string(),
      creditText: z.string().optional(),
      copyrightNotice: z.string().optional(),
    })
    .optional(),
  author: organization,
  publisher: organization,
  keywords: z.array(z.string()).optional(),
  mainEntityOfPage: z.object({ '@type': z.literal('WebPage'), '@id': z.string() }),
  translationOfWork: translationReference.optional(),
  workTranslation: translationReference.optional(),
});

/** The page's JSON-LD, parsed as a search engine parses it. */
async function jsonLd(page: Page): Promise<z.infer<typeof newsArticle>> {
  const scripts = await page.locator('script[type="application/ld+json"]').allTextContents();
  expect(scripts).toHaveLength(1);
  return newsArticle.parse(JSON.parse(scripts[0] ?? ''));
}

const browser = sharedBrowser();

for (const locale of LOCALES) {
  const text = translationOf(ARTICLE, locale);
  const canonical = canonicalUrl(locale, ARTICLE);
  const translationUrl = canonicalUrl(otherLocale(locale), ARTICLE);
  const expected = READER_TEXT[locale];
  const image = demoImage(ARTICLE);
  const imageAlt = ARTICLE.input.image?.alt[locale] ?? '';
  const credit = ARTICLE.input.image?.credit ?? '';

  describe(`article 01 (${locale}) for link previews and search engines`, () => {
    let page: Page;
    let meta: HeadMeta;

    beforeAll(async () => {
      page = await openReaderPage(browser);
      expect(await visit(page, articlePath(locale, text.slug))).toBe(200);
      meta = await headMeta(page);
    });

    afterAll(async () => {
      await page.context().close();
    });

    it('describes the article with Open Graph', () => {
      expect(one(meta, 'og:type')).toBe('article');
      expect(one(meta, 'og:title')).toBe(text.title);
      expect(one(meta, 'og:description')).toBe(text.lead);
      expect(one(meta, 'og:url')).toBe(canonical);
      expect(one(meta, 'og:site_name')).toBe(expected.siteName);
      expect(one(meta, 'og:locale')).toBe(OPEN_GRAPH_LOCALE[locale]);
      expect(all(meta, 'og:locale:alternate')).toEqual([OPEN_GRAPH_LOCALE[otherLocale(locale)]]);
    });

    it('gives publication and modification times and the tags', () => {
      const publishedAt = ARTICLE.input.publishedAt ?? '';
      expect(one(meta, 'article:published_time')).toBe(new Date(publishedAt).toISOString());
      const modified = one(meta, 'article:modified_time');
      expect(new Date(modified).toISOString()).toBe(modified);
      expect(Date.parse(modified)).toBeGreaterThanOrEqual(Date.parse(publishedAt));
      expect(all(meta, 'article:tag')).toEqual(expectedTagNames(locale, ARTICLE));
    });

    it('offers the lead image as an absolute 1280-pixel rendition with its size and alt text', () => {
      expect(all(meta, 'og:image')).toEqual([`${SITE_URL}/media/${image.id}/1280.webp`]);
      expect(one(meta, 'og:image:width')).toBe('1280');
      expect(one(meta, 'og:image:height')).toBe(String(Math.round((1280 * image.height) / image.width)));
      expect(one(meta, 'og:image:alt')).toBe(imageAlt);
    });

    it('serves that image in exactly the announced size', async () => {
      const response = await fetch(new URL(new URL(one(meta, 'og:image')).pathname, baseUrl));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/webp');
      const { width, height } = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
      expect(width).toBe(Number(one(meta, 'og:image:width')));
      expect(height).toBe(Number(one(meta, 'og:image:height')));
    });

    it('has a large-image Twitter card', () => {
      expect(one(meta, 'twitter:card')).toBe('summary_large_image');
      expect(one(meta, 'twitter:title')).toBe(text.title);
      expect(one(meta, 'twitter:description')).toBe(text.lead);
      expect(one(meta, 'twitter:image')).toBe(one(meta, 'og:image'));
      expect(one(meta, 'twitter:image:alt')).toBe(imageAlt);
    });

    it('describes the article as a schema.org NewsArticle', async () => {
      const data = await jsonLd(page);
      expect(data['@id']).toBe(`${canonical}#article`);
      expect(data.url).toBe(canonical);
      expect(data.mainEntityOfPage['@id']).toBe(canonical);
      expect(data.headline).toBe(text.title);
      expect(data.description).toBe(text.lead);
      expect(data.datePublished).toBe(one(meta, 'article:published_time'));
      expect(data.dateModified).toBe(one(meta, 'article:modified_time'));
      expect(data.inLanguage).toBe(locale);
      expect(data.keywords).toEqual(expectedTagNames(locale, ARTICLE));
      for (const party of [data.author, data.publisher]) {
        expect(party).toEqual({
          '@type': 'GovernmentOrganization',
          name: expected.publisher,
          url: `${SITE_URL}/${locale}`,
          logo: { '@type': 'ImageObject', url: `${SITE_URL}/site/logo.png`, width: 512, height: 512 },
        });
      }
    });

    it('serves the publisher logo as a PNG of the size it names', async () => {
      const { logo } = (await jsonLd(page)).publisher;
      const response = await fetch(new URL(new URL(logo.url).pathname, baseUrl));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      const { width, height, format } = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
      expect({ width, height, format }).toEqual({ width: logo.width, height: logo.height, format: 'png' });
    });

    it('describes the image with its size, caption and photo credit', async () => {
      const { image: described } = await jsonLd(page);
      expect(described).toMatchObject({
        '@type': 'ImageObject',
        url: one(meta, 'og:image'),
        width: 1280,
        height: Number(one(meta, 'og:image:height')),
        caption: ARTICLE.input.image?.caption?.[locale],
        creditText: credit.replace(/^©\s*/, ''),
        copyrightNotice: credit,
      });
    });

    it('links the German original and the English translation to each other', async () => {
      const data = await jsonLd(page);
      const reference = { '@type': 'NewsArticle', '@id': `${translationUrl}#article`, url: translationUrl, inLanguage: otherLocale(locale) };
      if (locale === 'de') {
        expect(data.workTranslation).toEqual(reference);
        expect(data.translationOfWork).toBeUndefined();
      } else {
        expect(data.translationOfWork).toEqual(reference);
        expect(data.workTranslation).toBeUndefined();
      }
    });
  });

  describe(`article 01 (${locale}) shared without JavaScript`, () => {
    let page: Page;

    beforeAll(async () => {
      page = await openReaderPage(browser);
      expect(await visit(page, articlePath(locale, text.slug))).toBe(200);
    });

    afterAll(async () => {
      await page.context().close();
    });

    const shareBlock = () => page.getByRole('region', { name: expected.share });

    it('has a share block with a heading after the tags', async () => {
      await expect(shareBlock().getByRole('heading', { level: 2, name: expected.share }).count()).resolves.toBe(1);
      const order = await page.$$eval('h2', (headings) => headings.map((heading) => heading.textContent));
      expect(order.indexOf(expected.share)).toBeGreaterThan(order.indexOf(locale === 'de' ? 'Schlagworte' : 'Tags'));
    });

    it('offers e-mail with the title as subject and the canonical URL as body', async () => {
      const href = await shareBlock().getByRole('link', { name: expected.email }).getAttribute('href');
      expect(href).toBe(`mailto:?subject=${encodeURIComponent(text.title)}&body=${encodeURIComponent(canonical)}`);
    });

    it('links to each network’s own share page with the canonical URL, in a new window without referrer', async () => {
      const expectedQuery: Record<keyof typeof expected.networks, [string, Record<string, string>]> = {
        x: ['https://twitter.com/intent/tweet', { text: text.title, url: canonical }],
        facebook: ['https://www.facebook.com/sharer/sharer.php', { u: canonical }],
        linkedin: ['https://www.linkedin.com/sharing/share-offsite/', { url: canonical }],
        whatsapp: ['https://wa.me/', { text: `${text.title} ${canonical}` }],
        bluesky: ['https://bsky.app/intent/compose', { text: `${text.title} ${canonical}` }],
      };
      for (const [network, name] of Object.entries(expected.networks) as [keyof typeof expected.networks, string][]) {
        const link = shareBlock().getByRole('link', { name: new RegExp(`^${name}\\b`) });
        await expect(link.count(), name).resolves.toBe(1);
        const href = new URL((await link.getAttribute('href')) ?? '');
        const [base, query] = expectedQuery[network];
        expect(`${href.origin}${href.pathname}`, name).toBe(base);
        expect(Object.fromEntries(href.searchParams), name).toEqual(query);
        expect((await link.getAttribute('rel'))?.split(/\s+/).sort(), name).toEqual(['noopener', 'noreferrer']);
        expect(await link.getAttribute('target'), name).toBe('_blank');
      }
    });

    it('shows no script-only buttons that could not work', async () => {
      await expect(shareBlock().getByRole('button').count()).resolves.toBe(0);
      await expect(page.getByText(expected.copyLink).isVisible()).resolves.toBe(false);
    });

    it('loads nothing from other sites: no third-party scripts, frames or trackers', async () => {
      const origin = new URL(baseUrl).origin;
      const sources = await page.$$eval('script[src], iframe, img, link[rel="stylesheet"], link[rel="preload"]', (elements) =>
        elements.map((element) => element.getAttribute('src') ?? element.getAttribute('href') ?? ''),
      );
      expect(sources.length).toBeGreaterThan(0);
      for (const source of sources) expect(new URL(source, baseUrl).origin, source).toBe(origin);
      await expect(page.locator('iframe').count()).resolves.toBe(0);
    });

    it('keeps the printed address hidden on screen', async () => {
      await expect(page.getByText(`${expected.printAddress}: ${canonical}`).isVisible()).resolves.toBe(false);
    });
  });

  describe(`article 01 (${locale}) shared with JavaScript`, () => {
    let page: Page;
    const consoleErrors: string[] = [];

    beforeAll(async () => {
      page = await openPage(browser);
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
      expect(await visit(page, articlePath(locale, text.slug))).toBe(200);
      await page.waitForLoadState('networkidle');
    });

    afterAll(async () => {
      await page.context().close();
    });

    it('hydrates the share buttons without errors or mismatches', async () => {
      await expect(page.getByRole('button', { name: expected.copyLink }).isVisible()).resolves.toBe(true);
      expect(consoleErrors).toEqual([]);
    });

    it('offers the system share sheet only where the browser has one', async () => {
      const canShare = await page.evaluate(() => typeof navigator.share === 'function');
      const shareButtons = page.getByRole('region', { name: expected.share }).getByRole('button', { name: locale === 'de' ? 'Teilen…' : 'Share…' });
      await expect(shareButtons.count()).resolves.toBe(canShare ? 1 : 0);
    });

    it('copies the canonical URL and says so in a live region', async () => {
      await page.getByRole('button', { name: expected.copyLink }).click();
      const confirmation = page.getByText(expected.copied);
      await confirmation.waitFor({ state: 'visible' });
      expect(await confirmation.getAttribute('aria-live')).toBe('polite');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(canonical);
    });
  });

  describe(`article 01 (${locale}) printed`, () => {
    let page: Page;

    beforeAll(async () => {
      // A reader in dark mode still gets black text on white paper.
      page = await openReaderPage(browser, { colorScheme: 'dark' });
      expect(await visit(page, articlePath(locale, text.slug))).toBe(200);
      await page.emulateMedia({ media: 'print' });
    });

    afterAll(async () => {
      await page.context().close();
    });

    async function display(selector: string): Promise<string[]> {
      return page.$$eval(selector, (elements) => elements.map((element) => getComputedStyle(element).display));
    }

    it('leaves out navigation, language switch, sharing, footer, skip link and back-to-top link', async () => {
      expect(await display(`nav[aria-label="${expected.navigation}"]`)).toEqual(['none']);
      await expect(page.getByTestId('language-switch').isVisible()).resolves.toBe(false);
      await expect(page.getByRole('region', { name: expected.share }).count()).resolves.toBe(0);
      expect(await display('section[aria-labelledby="article-share"]')).toEqual(['none']);
      expect(await display('footer')).toEqual(['none']);
      expect(await display('a[href="#content"]')).toEqual(['none']);
      await expect(page.getByRole('link', { name: expected.backToTop }).isVisible()).resolves.toBe(false);
    });

    it('prints the title, the photo credit and the canonical address', async () => {
      await expect(page.locator('h1').isVisible()).resolves.toBe(true);
      await expect(page.locator('figcaption').getByText(credit, { exact: false }).isVisible()).resolves.toBe(true);
      const address = page.getByText(`${expected.printAddress}: ${canonical}`);
      await expect(address.isVisible()).resolves.toBe(true);
    });

    it('prints black text on white', async () => {
      const colours = await page.evaluate(() => {
        const style = (selector: string) => getComputedStyle(document.querySelector(selector) ?? document.body);
        return { background: style('body').backgroundColor, body: style('body').color, title: style('h1').color, caption: style('figcaption').color };
      });
      expect(colours).toEqual({ background: 'rgb(255, 255, 255)', body: 'rgb(0, 0, 0)', title: 'rgb(0, 0, 0)', caption: 'rgb(0, 0, 0)' });
    });

    it('fits images to the page without splitting them', async () => {
      const images = await page.$$eval('main img', (elements) =>
        elements.map((element) => {
          const style = getComputedStyle(element);
          return { maxWidth: style.maxWidth, breakInside: style.breakInside, fits: element.getBoundingClientRect().right <= document.documentElement.clientWidth };
        }),
      );
      expect(images.length).toBeGreaterThan(0);
      for (const image of images) expect(image).toEqual({ maxWidth: '100%', breakInside: 'avoid', fits: true });
    });

    it('turns into a PDF', async () => {
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(1000);
    });
  });
}

describe('a German-only article without an image (04)', () => {
  const text = translationOf(GERMAN_ONLY, 'de');
  const canonical = canonicalUrl('de', GERMAN_ONLY);
  let page: Page;
  let meta: HeadMeta;

  beforeAll(async () => {
    expect(GERMAN_ONLY.input.translations.en).toBeUndefined();
    expect(GERMAN_ONLY.input.image).toBeUndefined();
    page = await openReaderPage(browser);
    expect(await visit(page, articlePath('de', text.slug))).toBe(200);
    meta = await headMeta(page);
  });

  afterAll(async () => {
    await page.context().close();
  });

  it('names its own locale and no alternate one', () => {
    expect(one(meta, 'og:locale')).toBe('de_DE');
    expect(all(meta, 'og:locale:alternate')).toEqual([]);
    expect(one(meta, 'og:url')).toBe(canonical);
  });

  it('is shared with the site image, 1200 × 630, on a large card', () => {
    expect(all(meta, 'og:image')).toEqual([`${SITE_URL}/site/share.png`]);
    expect(one(meta, 'og:image:width')).toBe('1200');
    expect(one(meta, 'og:image:height')).toBe('630');
    expect(one(meta, 'og:image:alt')).toBe('Bundesamt für Außenbeziehungen – Nachrichtenportal');
    expect(one(meta, 'twitter:image')).toBe(`${SITE_URL}/site/share.png`);
    expect(one(meta, 'twitter:card')).toBe('summary_large_image');
  });

  it('serves the site image as a 1200 × 630 PNG', async () => {
    const response = await fetch(new URL('/site/share.png', baseUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const { width, height, format } = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect({ width, height, format }).toEqual({ width: 1200, height: 630, format: 'png' });
  });

  it('has JSON-LD with the site image, a publisher logo and no translation link', async () => {
    const data = await jsonLd(page);
    expect(data.headline).toBe(text.title);
    expect(data.image).toEqual({
      '@type': 'ImageObject',
      url: `${SITE_URL}/site/share.png`,
      width: 1200,
      height: 630,
      caption: 'Bundesamt für Außenbeziehungen – Nachrichtenportal',
    });
    expect(data.publisher.logo.url).toBe(`${SITE_URL}/site/logo.png`);
    expect(data.translationOfWork).toBeUndefined();
    expect(data.workTranslation).toBeUndefined();
    expect(data.keywords).toEqual(expectedTagNames('de', GERMAN_ONLY));
  });

  it('still offers the share links with its canonical URL', async () => {
    const href = await page.getByRole('link', { name: /^Auf LinkedIn teilen\b/ }).getAttribute('href');
    expect(new URL(href ?? '').searchParams.get('url')).toBe(canonical);
  });
});

describe('after an editor puts script markup and line separators into a title and lead', () => {
  const prisma = createPrismaClient(inject('databaseUrl'), 2);
  const ARTICLE_02 = demoArticle('02');
  const { slug, title, lead } = translationOf(ARTICLE_02, 'de');
  const hostileTitle = `${title} </script><script>window.injected = true</script> <!-- & "x"`;
  const hostileLead = `${lead}\u2028Zeile\u2029Absatz </SCRIPT >`;
  let articleId: number;

  beforeAll(async () => {
    articleId = await articleIdBySlug(prisma, 'de', slug);
    await saveArticle(prisma, articleId, withTranslation(ARTICLE_02, 'de', { title: hostileTitle, lead: hostileLead }));
  });

  afterAll(async () => {
    await saveArticle(prisma, articleId, ARTICLE_02.input);
    await prisma.$disconnect();
  });

  it('keeps the JSON-LD inside its script element and reads back the exact text', async () => {
    const page = await openPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    expect(await visit(page, articlePath('de', slug))).toBe(200);
    const raw = await page.locator('script[type="application/ld+json"]').textContent();
    expect(raw).not.toMatch(/[<>\u2028\u2029]/);
    const data = await jsonLd(page);
    expect(data.headline).toBe(hostileTitle);
    expect(data.description).toBe(hostileLead);
    expect(await page.evaluate(() => 'injected' in window)).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
