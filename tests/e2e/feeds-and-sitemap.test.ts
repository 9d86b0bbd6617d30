import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locale } from '@/i18n/routing';
import { createPrismaClient } from '@/lib/prisma-client';
import { parseRss, parseSitemap, parseSitemapIndex, type RssFeed, type SitemapUrl } from '../helpers/xml-documents';
import { sharedBrowser } from './browser';
import { untilServedFromCache } from './served-from-cache';
import {
  homePagePath,
  articleIdBySlug,
  articlePath,
  demoArticle,
  demoArticles,
  demoTag,
  demoTags,
  headLinks,
  listedArticles,
  LOCALES,
  openReaderPage,
  request,
  saveArticle,
  SITE_URL,
  tagPath,
  translationOf,
  visit,
  withTranslation,
  type DemoArticle,
} from './helpers';

/*
 * What feed readers and search engines get: RSS feeds per language and per
 * tag, the sitemap and robots.txt, all read with a real XML parser.
 */

const FEED_PATH: Record<Locale, string> = { de: '/de/feed.xml', en: '/en/feed.xml' };
const TAG_KEY = 'irak';
const FEED_SIZE = 50;
const FEED_TITLE: Record<Locale, { latest: string; tag: (name: string) => string }> = {
  de: { latest: 'Bundesamt für Außenbeziehungen – Nachrichtenportal: Neueste Beiträge', tag: (name) => `Bundesamt für Außenbeziehungen – Nachrichtenportal: ${name}` },
  en: { latest: 'Federal Office for External Relations – News portal: latest news', tag: (name) => `Federal Office for External Relations – News portal: ${name}` },
};

function tagFeedPath(locale: Locale, key: string): string {
  return `${tagPath(locale, demoTag(key)[locale].slug)}/feed.xml`;
}

/** The path of one of the portal's absolute URLs, after checking that it is one. */
function portalPath(url: string): string {
  expect(url.startsWith(`${SITE_URL}/`), url).toBe(true);
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

async function fetchFeed(path: string): Promise<{ response: Response; feed: RssFeed }> {
  const response = await request(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
  return { response, feed: parseRss(await response.text()) };
}

/** Checks a feed against the demo articles it should carry, newest first. */
async function expectFeedOf(feed: RssFeed, locale: Locale, expected: DemoArticle[]) {
  const articles = expected.slice(0, FEED_SIZE);
  expect(feed.items.length).toBeLessThanOrEqual(FEED_SIZE);
  expect(feed.items.map((item) => item.title)).toEqual(articles.map((article) => translationOf(article, locale).title));
  const pubDates = feed.items.map((item) => Date.parse(item.pubDate));
  expect(pubDates).toEqual([...pubDates].sort((a, b) => b - a));
  expect(new Set(feed.items.map((item) => item.guid)).size).toBe(feed.items.length);

  for (const [index, item] of feed.items.entries()) {
    const article = articles[index];
    if (!article) throw new Error(`feed item ${index} has no demo article`);
    const text = translationOf(article, locale);
    expect(item.link).toBe(`${SITE_URL}${articlePath(locale, text.slug)}`);
    expect(item.description).toBe(text.lead);
    expect(item.guid).toMatch(new RegExp(`^urn:portal:article:\\d+:${locale}$`));
    expect(item.guidIsPermaLink).toBe('false');
    expect(item.pubDate).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(Date.parse(item.pubDate)).toBe(Date.parse(article.input.publishedAt ?? ''));
    expect((await request(portalPath(item.link))).status, item.link).toBe(200);

    const mediaId = article.input.image?.mediaId;
    if (mediaId === undefined) {
      expect(item.enclosure, item.title).toBeNull();
      continue;
    }
    expect(item.enclosure).toMatchObject({ url: `${SITE_URL}/media/${mediaId}/960.webp`, type: 'image/webp' });
    const image = await request(portalPath(item.enclosure?.url ?? ''));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    // RSS asks for the enclosure's length in bytes: that of the very file the URL serves.
    expect((await image.arrayBuffer()).byteLength).toBe(item.enclosure?.length);
  }
}

describe('language feeds', () => {
  for (const locale of LOCALES) {
    it(`${FEED_PATH[locale]} carries the newest ${locale} articles with links, dates, leads and images`, async () => {
      const { feed } = await fetchFeed(FEED_PATH[locale]);
      expect(feed).toMatchObject({
        title: FEED_TITLE[locale].latest,
        link: `${SITE_URL}/${locale}`,
        language: locale,
        self: { href: `${SITE_URL}${FEED_PATH[locale]}`, rel: 'self', type: 'application/rss+xml' },
      });
      expect(feed.description).not.toBe('');
      await expectFeedOf(feed, locale, listedArticles(locale));
    });

    it(`${FEED_PATH[locale]} is answered from the ISR cache once it has been rendered`, async () => {
      const second = await untilServedFromCache(() => request(FEED_PATH[locale]));
      expect(second.status).toBe(200);
      expect(second.headers.get('x-nextjs-cache')).toMatch(/HIT|STALE/);
    });
  }

  it('keeps the exact title of the German interview with "&" and quotes', async () => {
    const interview = demoArticle('07');
    const { title, slug } = translationOf(interview, 'de');
    expect(title).toContain('&');
    expect(title).toContain('"');
    const { feed } = await fetchFeed(FEED_PATH.de);
    expect(feed.items.find((item) => item.link === `${SITE_URL}${articlePath('de', slug)}`)?.title).toBe(title);
  });

  it('answers 404 for a language the portal does not have', async () => {
    expect((await request('/fr/feed.xml')).status).toBe(404);
  });
});

describe('tag feeds', () => {
  for (const locale of LOCALES) {
    const path = tagFeedPath(locale, TAG_KEY);
    const tag = demoTag(TAG_KEY)[locale];

    it(`${path} carries the newest ${locale} articles with the tag`, async () => {
      const { feed } = await fetchFeed(path);
      expect(feed).toMatchObject({
        title: FEED_TITLE[locale].tag(tag.name),
        link: `${SITE_URL}${tagPath(locale, tag.slug)}`,
        language: locale,
        self: { href: `${SITE_URL}${path}`, rel: 'self', type: 'application/rss+xml' },
      });
      await expectFeedOf(feed, locale, listedArticles(locale, TAG_KEY));
    });

    it(`${path} may be cached by feed readers and front caches for a minute`, async () => {
      const response = await request(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
    });
  }

  for (const path of ['/de/schlagwort/gibt-es-nicht/feed.xml', '/en/tag/no-such-tag/feed.xml', `/en/tag/${demoTag(TAG_KEY).de.slug}-x/feed.xml`]) {
    it(`answers 404 for an unknown tag: ${path}`, async () => {
      const response = await request(path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).not.toMatch(/rss/);
    });
  }
});

describe('feeds after an editor changes a title', () => {
  const prisma = createPrismaClient(inject('databaseUrl'), 2);
  const interview = demoArticle('07');
  const { slug, title } = translationOf(interview, 'de');
  // A control character pasted from a word processor, which XML cannot carry.
  const changedTitle = `${title} <neu> &\u0007 'geändert'`;
  let articleId: number;

  beforeAll(async () => {
    articleId = await articleIdBySlug(prisma, 'de', slug);
    for (const path of [FEED_PATH.de, tagFeedPath('de', TAG_KEY)]) await request(path);
    await saveArticle(prisma, articleId, withTranslation(interview, 'de', { title: changedTitle }));
  });

  afterAll(async () => {
    await saveArticle(prisma, articleId, interview.input);
    await prisma.$disconnect();
  });

  for (const path of [FEED_PATH.de, tagFeedPath('de', TAG_KEY)]) {
    it(`${path} shows the new title at once, still well-formed`, async () => {
      const { feed } = await fetchFeed(path);
      const item = feed.items.find((candidate) => candidate.link === `${SITE_URL}${articlePath('de', slug)}`);
      expect(item?.title).toBe(`${title} <neu> & 'geändert'`);
    });
  }
});

describe('pages announce their feed', () => {
  const browser = sharedBrowser();

  const cases: { locale: Locale; page: string; feed: string; title: string }[] = LOCALES.flatMap((locale) => {
    const tag = demoTag(TAG_KEY)[locale];
    return [
      { locale, page: `/${locale}`, feed: FEED_PATH[locale], title: FEED_TITLE[locale].latest },
      { locale, page: homePagePath(locale, 2), feed: FEED_PATH[locale], title: FEED_TITLE[locale].latest },
      { locale, page: tagPath(locale, tag.slug), feed: tagFeedPath(locale, TAG_KEY), title: FEED_TITLE[locale].tag(tag.name) },
    ];
  });

  for (const { locale, page: path, feed, title } of cases) {
    it(`${path} links ${feed} and keeps its canonical and hreflang links`, async () => {
      const page = await openReaderPage(browser);
      expect(await visit(page, path)).toBe(200);
      const feedLinks = await page.evaluate(() =>
        [...document.querySelectorAll('link[rel="alternate"][type="application/rss+xml"]')].map((link) => ({
          href: link.getAttribute('href'),
          title: link.getAttribute('title'),
        })),
      );
      expect(feedLinks).toEqual([{ href: `${SITE_URL}${feed}`, title }]);
      const { canonical, alternates } = await headLinks(page);
      expect(canonical).toBe(`${SITE_URL}${path}`);
      expect(alternates[locale]).toBe(`${SITE_URL}${path}`);
      await page.context().close();
      expect((await request(feed)).status).toBe(200);
    });
  }
});

/** Every URL of the sitemap, read through its index as a crawler does. */
async function readSitemap(): Promise<SitemapUrl[]> {
  const index = await request('/sitemap.xml');
  expect(index.status).toBe(200);
  expect(index.headers.get('content-type')).toMatch(/^application\/xml/);
  const urls: SitemapUrl[] = [];
  for (const file of parseSitemapIndex(await index.text())) {
    const response = await request(portalPath(file));
    expect(response.status, file).toBe(200);
    urls.push(...parseSitemap(await response.text()));
  }
  return urls;
}

describe('sitemap', () => {
  let urls: SitemapUrl[];

  beforeAll(async () => {
    urls = await readSitemap();
  });

  it('is an index at /sitemap.xml naming one file while the portal has fewer than 50,000 URLs', async () => {
    expect(parseSitemapIndex(await (await request('/sitemap.xml')).text())).toEqual([`${SITE_URL}/sitemaps/sitemap/0.xml`]);
  });

  function entry(path: string): SitemapUrl | undefined {
    return urls.find((url) => url.loc === `${SITE_URL}${path}`);
  }

  function visibleArticles(): DemoArticle[] {
    const seen = new Set(LOCALES.flatMap((locale) => listedArticles(locale).map((article) => article.file)));
    return demoArticles().filter((article) => seen.has(article.file));
  }

  it('lists the home pages, the speeches listing, every tag page with articles and every visible article in each of its languages, once', () => {
    const tagKeys = new Set(visibleArticles().flatMap((article) => article.input.tags));
    const expected = [
      ...LOCALES.map((locale) => `/${locale}`),
      '/de/reden',
      '/en/speeches',
      ...Object.entries(demoTags())
        .filter(([key]) => tagKeys.has(key))
        .flatMap(([, tag]) => LOCALES.map((locale) => tagPath(locale, tag[locale].slug))),
      ...LOCALES.flatMap((locale) => listedArticles(locale).map((article) => articlePath(locale, translationOf(article, locale).slug))),
    ].map((path) => `${SITE_URL}${path}`);
    const locs = urls.map((url) => url.loc);
    expect(new Set(locs).size).toBe(locs.length);
    expect([...locs].sort()).toEqual([...expected].sort());
  });

  it('gives each article its last change as lastmod', async () => {
    const prisma = createPrismaClient(inject('databaseUrl'), 2);
    try {
      for (const article of visibleArticles()) {
        for (const locale of LOCALES) {
          const text = article.input.translations[locale];
          if (!text) continue;
          const id = await articleIdBySlug(prisma, locale, text.slug);
          const { updatedAt } = await prisma.article.findUniqueOrThrow({ where: { id }, select: { updatedAt: true } });
          expect(entry(articlePath(locale, text.slug))?.lastmod, article.file).toBe(updatedAt.toISOString());
        }
      }
    } finally {
      await prisma.$disconnect();
    }
  });

  it('names both language versions of bilingual articles (x-default German) and none for single-language ones', () => {
    const articles = visibleArticles();
    expect(articles.some((article) => !article.input.translations.en)).toBe(true);
    for (const article of articles) {
      const de = article.input.translations.de;
      const en = article.input.translations.en;
      for (const locale of LOCALES) {
        const text = article.input.translations[locale];
        if (!text) continue;
        const alternates = entry(articlePath(locale, text.slug))?.alternates;
        if (de && en) {
          expect(alternates, article.file).toEqual({
            de: `${SITE_URL}${articlePath('de', de.slug)}`,
            en: `${SITE_URL}${articlePath('en', en.slug)}`,
            'x-default': `${SITE_URL}${articlePath('de', de.slug)}`,
          });
        } else {
          expect(alternates, article.file).toEqual({});
        }
      }
    }
  });

  it('names both languages of the home and tag pages', () => {
    const tag = demoTag(TAG_KEY);
    expect(entry('/en')?.alternates).toEqual({ de: `${SITE_URL}/de`, en: `${SITE_URL}/en`, 'x-default': `${SITE_URL}/de` });
    expect(entry(tagPath('en', tag.en.slug))?.alternates).toEqual({
      de: `${SITE_URL}${tagPath('de', tag.de.slug)}`,
      en: `${SITE_URL}${tagPath('en', tag.en.slug)}`,
      'x-default': `${SITE_URL}${tagPath('de', tag.de.slug)}`,
    });
  });

  it('serves its file from the ISR cache once it has been rendered', async () => {
    const second = await untilServedFromCache(() => request('/sitemaps/sitemap/0.xml'));
    expect(second.status).toBe(200);
    expect(second.headers.get('x-nextjs-cache')).toMatch(/HIT|STALE/);
  });

  it('answers 404 for a sitemap file that does not exist', async () => {
    expect((await request('/sitemaps/sitemap/1.xml')).status).toBe(404);
  });
});

describe('articles readers cannot see', () => {
  const prisma = createPrismaClient(inject('databaseUrl'), 2);
  const draft = demoArticle('12');
  const scheduled = demoArticle('13');
  const articleIds = new Map<string, number>();

  function articleUrls(article: DemoArticle): string[] {
    return LOCALES.flatMap((locale) => {
      const text = article.input.translations[locale];
      return text ? [`${SITE_URL}${articlePath(locale, text.slug)}`] : [];
    });
  }

  async function idOf(article: DemoArticle): Promise<number> {
    const id = articleIds.get(article.file) ?? (await articleIdBySlug(prisma, 'de', translationOf(article, 'de').slug));
    articleIds.set(article.file, id);
    return id;
  }

  beforeAll(async () => {
    // Sitemap and feeds sit in the cache with both articles before the change.
    expect((await readSitemap()).map((url) => url.loc)).toEqual(expect.arrayContaining([...articleUrls(draft), ...articleUrls(scheduled)]));
    for (const locale of LOCALES) await request(FEED_PATH[locale]);
    await saveArticle(prisma, await idOf(draft), { ...draft.input, status: 'draft' });
    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString();
    await saveArticle(prisma, await idOf(scheduled), { ...scheduled.input, publishedAt: tomorrow });
  });

  afterAll(async () => {
    await saveArticle(prisma, await idOf(draft), draft.input);
    await saveArticle(prisma, await idOf(scheduled), scheduled.input);
    await prisma.$disconnect();
  });

  it('drop out of the sitemap as soon as an editor makes them a draft or schedules them', async () => {
    const locs = (await readSitemap()).map((url) => url.loc);
    for (const url of [...articleUrls(draft), ...articleUrls(scheduled)]) expect(locs).not.toContain(url);
    expect(locs).toContain(`${SITE_URL}${articlePath('de', translationOf(demoArticle('07'), 'de').slug)}`);
  });

  it('drop out of the feeds at the same moment', async () => {
    for (const locale of LOCALES) {
      const { feed } = await fetchFeed(FEED_PATH[locale]);
      const links = feed.items.map((item) => item.link);
      for (const url of [...articleUrls(draft), ...articleUrls(scheduled)]) expect(links).not.toContain(url);
      expect(links).toHaveLength(listedArticles(locale).filter((a) => a.file !== draft.file && a.file !== scheduled.file).length);
    }
  });
});

describe('robots.txt', () => {
  it('lets crawlers read everything but the API, the editors\' desk and draft previews, and names the sitemap', async () => {
    const response = await request('/robots.txt');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const lines = (await response.text()).split('\n').map((line) => line.trim()).filter(Boolean);
    expect(lines).toEqual(
      expect.arrayContaining([
        'User-Agent: *',
        'Allow: /',
        'Disallow: /api/',
        'Disallow: /redaktion',
        'Disallow: /de/vorschau/',
        'Disallow: /en/preview/',
        `Sitemap: ${SITE_URL}/sitemap.xml`,
      ]),
    );
    expect(lines.filter((line) => line.startsWith('Disallow:'))).toHaveLength(4);
  });
});
