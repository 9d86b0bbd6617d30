import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { inject } from 'vitest';
import { z } from 'zod';
import type { Locale } from '@/i18n/routing';
import { articleInput, parseOrThrow, tagInput, type ArticleInput, type TagInput } from '@/lib/content/article-input';
import { replaceArticle } from '@/lib/content/save-article';
import type { PrismaClient } from '@/lib/prisma-client';
import { openPage } from './browser';

/*
 * What the e2e tests share: the demo content as editors wrote it (the source
 * of every expectation), the portal's public URL scheme, HTTP and browser
 * shortcuts, and an editor's write followed by on-demand revalidation.
 */

export const baseUrl = inject('baseUrl');
/** SITE_URL given to the server by portal-global-setup.ts; canonical and hreflang URLs use it. */
export const SITE_URL = 'https://portal.example.org';
export const LOCALES: readonly Locale[] = ['de', 'en'];

const DEMO_DIR = path.resolve(import.meta.dirname, '..', '..', 'content', 'demo');

export type DemoArticle = { file: string; input: ArticleInput };
type Translation = NonNullable<ArticleInput['translations']['de']>;

/** Every demo article file, parsed as the importer parses it, in file (and so database id) order. */
export function demoArticles(): DemoArticle[] {
  const dir = path.join(DEMO_DIR, 'articles');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, input: parseOrThrow(articleInput, JSON.parse(readFileSync(path.join(dir, file), 'utf8'))) }));
}

/** The demo article whose file name starts with `prefix`, e.g. "01". */
export function demoArticle(prefix: string): DemoArticle {
  const found = demoArticles().find((article) => article.file.startsWith(`${prefix}-`));
  if (!found) throw new Error(`no demo article ${prefix}-*.json`);
  return found;
}

export function demoTags(): Record<string, TagInput> {
  return parseOrThrow(z.record(z.string(), tagInput), JSON.parse(readFileSync(path.join(DEMO_DIR, 'tags.json'), 'utf8')));
}

export function demoTag(key: string): TagInput {
  const tag = demoTags()[key];
  if (!tag) throw new Error(`no demo tag ${key}`);
  return tag;
}

export function translationOf(article: DemoArticle, locale: Locale): Translation {
  const translation = article.input.translations[locale];
  if (!translation) throw new Error(`${article.file} has no ${locale} text`);
  return translation;
}

/** Demo articles a reader sees in a language (optionally with a tag), newest first like every listing. */
export function listedArticles(locale: Locale, tagKey?: string): DemoArticle[] {
  const now = Date.now();
  return demoArticles()
    .map((article, index) => ({ article, index }))
    .filter(({ article: { input } }) => {
      const due = input.publishedAt === undefined || Date.parse(input.publishedAt) <= now;
      return input.status === 'published' && due && input.translations[locale] !== undefined;
    })
    .filter(({ article }) => tagKey === undefined || article.input.tags.includes(tagKey))
    .sort((a, b) => publishedTime(b.article) - publishedTime(a.article) || b.index - a.index)
    .map(({ article }) => article);
}

function publishedTime(article: DemoArticle): number {
  return article.input.publishedAt === undefined ? 0 : Date.parse(article.input.publishedAt);
}

export const PAGE_SIZE = 10;

const ARTICLE_SEGMENT: Record<Locale, string> = { de: 'artikel', en: 'article' };
const TAG_SEGMENT: Record<Locale, string> = { de: 'schlagwort', en: 'tag' };
const PAGE_SEGMENT: Record<Locale, string> = { de: 'seite', en: 'page' };

const numbered = (path: string, locale: Locale, page: number) => (page > 1 ? `${path}/${PAGE_SEGMENT[locale]}/${page}` : path);

/** A page of the home listing: `/de`, `/de/seite/2`. */
export function homePagePath(locale: Locale, page = 1): string {
  return numbered(`/${locale}`, locale, page);
}

export function articlePath(locale: Locale, slug: string): string {
  return `/${locale}/${ARTICLE_SEGMENT[locale]}/${slug}`;
}

export function tagPath(locale: Locale, slug: string, page = 1): string {
  return numbered(`/${locale}/${TAG_SEGMENT[locale]}/${slug}`, locale, page);
}

const TYPE_LABELS: Record<Locale, Record<ArticleInput['type'], string>> = {
  de: { article: 'Artikel', 'press-release': 'Pressemitteilung', speech: 'Rede', interview: 'Interview' },
  en: { article: 'Article', 'press-release': 'Press release', speech: 'Speech', interview: 'Interview' },
};

// The editorial date style, always on the ministry's calendar day.
const DATE_FORMATS: Record<Locale, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Berlin' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Berlin' }),
};

/** "04.06.2020 – Artikel" / "4 June 2020 – Article". */
export function expectedDateLine(locale: Locale, article: DemoArticle): string {
  return `${DATE_FORMATS[locale].format(publishedTime(article))} – ${TYPE_LABELS[locale][article.input.type]}`;
}

/** A request to the portal that does not follow redirects, so tests see them. */
export function request(pathOrUrl: string, init: RequestInit = {}): Promise<Response> {
  return fetch(new URL(pathOrUrl, baseUrl), { redirect: 'manual', ...init });
}

/** Where a redirect points, as path and query when it stays on the portal. */
export function redirectTarget(response: Response): string | null {
  const location = response.headers.get('location');
  if (location === null) return null;
  const url = new URL(location, baseUrl);
  return url.origin === new URL(baseUrl).origin ? `${url.pathname}${url.search}` : url.href;
}

/** The path and query of a page's current URL. */
export function pathOf(page: Page): string {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}

/** A page as a reader without JavaScript gets it: plain server-rendered HTML. */
export function openReaderPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  return openPage(browser, { javaScriptEnabled: false, ...options });
}

/** Opens a path and returns the HTTP status of the (last) document response. */
export async function visit(page: Page, pathOrUrl: string): Promise<number> {
  const response = await page.goto(new URL(pathOrUrl, baseUrl).href);
  if (!response) throw new Error(`no response for ${pathOrUrl}`);
  return response.status();
}

export function squash(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

export type ListedCard = { title: string; href: string; dateLine: string; lead: string; imageId: string | null };

/** The media id in an image URL such as `/media/demo-coalition-conference/960.webp`. */
export function mediaIdOf(src: string | null): string | null {
  return src === null ? null : (/^\/media\/([^/]+)\/\d+\.webp$/.exec(src)?.[1] ?? src);
}

/** The article teasers in a part of the page, as a reader sees them. */
export async function listedCards(scope: Locator): Promise<ListedCard[]> {
  const cards = await scope.locator('article').evaluateAll((elements) =>
    elements.map((element) => {
      const paragraphs = [...element.querySelectorAll('p')];
      return {
        title: element.querySelector('a')?.textContent ?? '',
        href: element.querySelector('a')?.getAttribute('href') ?? '',
        dateLine: element.querySelector('time')?.parentElement?.textContent ?? '',
        lead: paragraphs.at(-1)?.textContent ?? '',
        imageSrc: element.querySelector('img')?.getAttribute('src') ?? null,
      };
    }),
  );
  return cards.map(({ imageSrc, ...card }) => ({
    ...card,
    title: squash(card.title),
    dateLine: squash(card.dateLine),
    lead: squash(card.lead),
    imageId: mediaIdOf(imageSrc),
  }));
}

/** The teaser the portal should show for a demo article. */
export function expectedCard(locale: Locale, article: DemoArticle): ListedCard {
  const text = translationOf(article, locale);
  return {
    title: text.title,
    href: articlePath(locale, text.slug),
    dateLine: expectedDateLine(locale, article),
    lead: text.lead,
    imageId: article.input.image?.mediaId ?? null,
  };
}

/** `<link rel=…>` elements of the head: canonical and hreflang alternates. */
export async function headLinks(page: Page): Promise<{ canonical: string | null; alternates: Record<string, string> }> {
  return page.evaluate(() => ({
    canonical: document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null,
    alternates: Object.fromEntries(
      [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((link) => [
        link.getAttribute('hreflang') ?? '',
        link.getAttribute('href') ?? '',
      ]),
    ),
  }));
}

/** Asks the portal to drop cached pages, as the content tools do after a write. */
export async function revalidate(body: { tags?: string[]; paths?: string[] }): Promise<Response> {
  return request('/api/revalidate', {
    method: 'POST',
    headers: { authorization: `Bearer ${inject('revalidateSecret')}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export async function articleIdBySlug(prisma: PrismaClient, locale: Locale, slug: string): Promise<number> {
  const translation = await prisma.articleTranslation.findUniqueOrThrow({ where: { locale_slug: { locale, slug } }, select: { articleId: true } });
  return translation.articleId;
}

/**
 * An editor's change through the product's write path. The write records its
 * revalidation itself; asking the server to revalidate the same tags makes
 * sure it has read that record before the test goes on.
 */
export async function saveArticle(prisma: PrismaClient, articleId: number, input: ArticleInput): Promise<void> {
  const saved = await replaceArticle(prisma, articleId, input, { author: 'e2e tests' });
  const response = await revalidate({ tags: saved.cacheTags });
  if (!response.ok) throw new Error(`revalidation failed with ${response.status}: ${await response.text()}`);
}

/** A demo article with one language's text changed. */
export function withTranslation(article: DemoArticle, locale: Locale, change: Partial<Translation>): ArticleInput {
  const { input } = article;
  return { ...input, translations: { ...input.translations, [locale]: { ...translationOf(article, locale), ...change } } };
}
