import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedBrowser } from './browser';
import { articlePath, baseUrl, demoArticles, demoTags, LOCALES, openReaderPage, tagPath } from './helpers';

/** Enough for the demo several times over; reaching it means the crawl found pages without end. */
const MAX_PAGES = 300;
const ORIGIN = new URL(baseUrl).origin;

type CrawledPage = { status: number; from: string; ids: string[] };
type Crawl = { pages: Map<string, CrawledPage>; fragmentLinks: { from: string; to: string }[]; images: Map<string, string> };

/** The URL as crawled: same origin, no fragment. */
function pageKey(url: URL): string {
  return `${url.pathname}${url.search}`;
}

/** What a page offers a reader without JavaScript: its links, element ids and image URLs (src and every srcset entry). */
async function readPage(page: Page): Promise<{ links: string[]; ids: string[]; images: string[] }> {
  return page.evaluate(() => ({
    links: [...document.querySelectorAll<HTMLAnchorElement>('a[href]')].map((a) => a.href),
    ids: [...document.querySelectorAll('[id]')].map((element) => element.id),
    images: [...document.querySelectorAll('img')].flatMap((img) => {
      const candidates = [img.getAttribute('src') ?? '', ...(img.getAttribute('srcset') ?? '').split(',').map((entry) => entry.trim().split(/\s+/)[0] ?? '')];
      return candidates.filter((candidate) => candidate !== '').map((candidate) => new URL(candidate, document.baseURI).href);
    }),
  }));
}

/** Breadth-first from both home pages over every same-origin link, following redirects like a browser. */
async function crawlPortal(page: Page): Promise<Crawl> {
  const crawl: Crawl = { pages: new Map(), fragmentLinks: [], images: new Map() };
  const queue: { key: string; from: string }[] = LOCALES.map((locale) => ({ key: `/${locale}`, from: '(start)' }));
  const queued = new Set(queue.map(({ key }) => key));
  for (let next = queue.shift(); next && crawl.pages.size < MAX_PAGES; next = queue.shift()) {
    const { key, from } = next;
    let status = 0;
    try {
      status = (await page.goto(`${ORIGIN}${key}`))?.status() ?? 0;
    } catch {
      // a redirect loop or a refused connection: recorded as status 0
    }
    if (status !== 200) {
      crawl.pages.set(key, { status, from, ids: [] });
      continue;
    }
    const { links, ids, images } = await readPage(page);
    crawl.pages.set(key, { status, from, ids });
    for (const image of images) if (!crawl.images.has(image)) crawl.images.set(image, key);
    for (const link of links) {
      const url = new URL(link);
      if (url.origin !== ORIGIN) continue;
      if (url.hash !== '') crawl.fragmentLinks.push({ from: key, to: `${pageKey(url)}${url.hash}` });
      const target = pageKey(url);
      if (!queued.has(target)) {
        queued.add(target);
        queue.push({ key: target, from: key });
      }
    }
  }
  return crawl;
}

const browser = sharedBrowser();
let crawl: Crawl;

beforeAll(async () => {
  crawl = await crawlPortal(await openReaderPage(browser));
});

describe('links and images reachable from /de and /en', () => {
  it('ends within the page limit', () => {
    expect(crawl.pages.size).toBeLessThan(MAX_PAGES);
  });

  it('reaches every demo article and tag page in every language it exists in', () => {
    const expected = [
      ...demoArticles().flatMap(({ input }) =>
        LOCALES.flatMap((locale) => {
          const text = input.translations[locale];
          return text ? [articlePath(locale, text.slug)] : [];
        }),
      ),
      ...Object.values(demoTags()).flatMap((tag) => LOCALES.map((locale) => tagPath(locale, tag[locale].slug))),
    ];
    expect(expected.filter((path) => crawl.pages.get(path)?.status !== 200)).toEqual([]);
  });

  it('finds no link that answers 404 or 5xx', () => {
    const broken = [...crawl.pages].filter(([, { status }]) => status === 0 || status >= 400).map(([url, { status, from }]) => ({ url, status, from }));
    expect(broken).toEqual([]);
  });

  it('finds no link to a fragment that is missing on its page', () => {
    const dangling = crawl.fragmentLinks.filter(({ to }) => {
      const url = new URL(to, ORIGIN);
      return !crawl.pages.get(pageKey(url))?.ids.includes(decodeURIComponent(url.hash.slice(1)));
    });
    expect(dangling).toEqual([]);
  });

  it('serves every image URL (src and each srcset entry) with 200 as WebP', async () => {
    expect(crawl.images.size).toBeGreaterThan(0);
    const failures: { url: string; status: number; type: string | null; from: string }[] = [];
    for (const [url, from] of crawl.images) {
      const response = await fetch(url);
      await response.arrayBuffer();
      const type = response.headers.get('content-type');
      if (response.status !== 200 || type !== 'image/webp') failures.push({ url, status: response.status, type, from });
    }
    expect(failures).toEqual([]);
  });
});
