import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '@/i18n/routing';
import { openPage, sharedBrowser } from './browser';
import { tagPath } from './helpers';
import {
  articleAnswer,
  articleInput,
  baseUrl,
  bodyOf,
  DAY_MS,
  headingOf,
  isoFromNow,
  linksTo,
  openOwnEditorSession,
  readPage,
  revisionsAnswer,
  textOf,
  urlOf,
  waitFor,
  withText,
  type EditorSession,
} from './publishing-helpers';
import { untilServedFromCache } from './served-from-cache';

/*
 * The API's promise: every change is visible to readers at once. Each test
 * first has the reader pages rendered and cached, then changes the article
 * and gives the portal two seconds to show the change everywhere.
 */

const LOCALES: Locale[] = ['de', 'en'];
const HOME: Record<Locale, string> = { de: '/de', en: '/en' };
const UPDATED: Record<Locale, RegExp> = { de: /Aktualisiert am \d{2}\.\d{2}\.\d{4}/, en: /Updated \d{1,2} [A-Z][a-z]+ \d{4}/ };
const GONE_HEADING: Record<Locale, string> = { de: 'Dieser Beitrag ist nicht mehr verfügbar', en: 'This article is no longer available' };

let editor: EditorSession;
const browser = sharedBrowser();

beforeAll(async () => {
  editor = await openOwnEditorSession('freshness');
});

afterAll(() => editor.close());

/**
 * Has each page rendered and kept in the cache before the change, so that
 * seeing the change then proves the write revalidated it.
 */
async function warm(paths: string[]): Promise<void> {
  for (const path of paths) {
    const cached = await untilServedFromCache(() => readPage(path), /^HIT$/);
    if (cached.status === 200) expect(cached.headers.get('x-nextjs-cache'), path).toBe('HIT');
  }
}

function title(input: ReturnType<typeof articleInput>, locale: Locale): string {
  const text = input.translations[locale];
  if (!text) throw new Error(`no ${locale} text`);
  return text.title;
}

async function expectArticlePage(path: string, expectedTitle: string) {
  const page = await readPage(path);
  expect(page.status, path).toBe(200);
  expect(headingOf(page.html)).toBe(expectedTitle);
  return page;
}

async function expectListed(path: string, articlePath: string, listed: boolean) {
  const page = await readPage(path);
  expect(page.status, path).toBe(200);
  expect(linksTo(page.html, articlePath), `${path} lists ${articlePath}`).toBe(listed);
}

describe('a new article', () => {
  it('is on its pages, both home pages and its tags’ pages within two seconds', async () => {
    const tag = await editor.createTag('fresh');
    const input = articleInput({ tags: [tag.key] });
    const articlePaths = { de: `/de/artikel/${input.translations.de?.slug}`, en: `/en/article/${input.translations.en?.slug}` };
    const tagPaths = LOCALES.map((locale) => tagPath(locale, tag.input[locale].slug));
    await warm([...Object.values(articlePaths), ...Object.values(HOME), ...tagPaths]);
    expect((await readPage(articlePaths.de)).status).toBe(404);

    const created = await editor.createArticle(input);
    expect(created.urls).toEqual(articlePaths);
    expect(created.previewUrl).toBeUndefined();

    await waitFor(async () => {
      for (const locale of LOCALES) {
        await expectArticlePage(articlePaths[locale], title(input, locale));
        await expectListed(HOME[locale], articlePaths[locale], true);
        await expectListed(tagPath(locale, tag.input[locale].slug), articlePaths[locale], true);
      }
    });
  });
});

describe('a corrected article', () => {
  it('shows the new title at its new URL, redirects the old one, says it was updated and moves between tag pages', async () => {
    const [oldTag, newTag] = [await editor.createTag('before'), await editor.createTag('after')];
    const input = articleInput({ publishedAt: isoFromNow(-2 * DAY_MS), tags: [oldTag.key] });
    const created = await editor.createArticle(input);
    const oldPaths = { de: urlOf(created, 'de'), en: urlOf(created, 'en') };
    for (const locale of LOCALES) {
      const page = await expectArticlePage(oldPaths[locale], title(input, locale));
      expect(textOf(page.html)).not.toMatch(UPDATED[locale]);
    }

    const changed = {
      ...withText(withText(input, 'de', { title: `${title(input, 'de')} – aktualisiert`, slug: `${input.translations.de?.slug}-neu` }), 'en', {
        title: `${title(input, 'en')} – updated`,
      }),
      tags: [newTag.key],
    };
    const newPaths = { de: `/de/artikel/${changed.translations.de?.slug}`, en: oldPaths.en };
    const tagPages = (tag: typeof oldTag) => LOCALES.map((locale) => ({ locale, path: tagPath(locale, tag.input[locale].slug) }));
    await warm([newPaths.de, ...Object.values(oldPaths), ...Object.values(HOME), ...[...tagPages(oldTag), ...tagPages(newTag)].map((p) => p.path)]);

    const answer = await editor.api('PUT', `/api/articles/${created.id}`, changed);
    expect(answer.status).toBe(200);
    expect(bodyOf(answer, articleAnswer.pick({ id: true, urls: true }))).toEqual({ id: created.id, urls: newPaths });

    await waitFor(async () => {
      for (const locale of LOCALES) {
        const page = await expectArticlePage(newPaths[locale], title(changed, locale));
        expect(textOf(page.html)).toMatch(UPDATED[locale]);
        expect(linksTo(page.html, tagPath(locale, newTag.input[locale].slug))).toBe(true);
        expect(linksTo(page.html, tagPath(locale, oldTag.input[locale].slug))).toBe(false);
      }
      const old = await readPage(oldPaths.de);
      expect(old.status).toBe(308);
      expect(old.location).toBe(newPaths.de);
      for (const { locale, path } of tagPages(oldTag)) {
        await expectListed(path, newPaths[locale], false);
        await expectListed(path, oldPaths[locale], false);
      }
      for (const { locale, path } of tagPages(newTag)) await expectListed(path, newPaths[locale], true);
      await expectListed(HOME.de, newPaths.de, true);
      await expectListed(HOME.de, oldPaths.de, false);
    });
  });
});

describe('a slug changed back', () => {
  it('serves the article at its first URL again and redirects the second one there', async () => {
    const input = articleInput();
    const created = await editor.createArticle(input);
    const first = urlOf(created, 'de');
    const second = withText(input, 'de', { slug: `${input.translations.de?.slug}-b` });
    const secondPath = `/de/artikel/${second.translations.de?.slug}`;
    expect((await editor.api('PUT', `/api/articles/${created.id}`, second)).status).toBe(200);
    await waitFor(async () => {
      await expectArticlePage(secondPath, title(input, 'de'));
      expect((await readPage(first)).location).toBe(secondPath);
    });
    await warm([secondPath]);

    expect((await editor.api('PUT', `/api/articles/${created.id}`, input)).status).toBe(200);
    await waitFor(async () => {
      await expectArticlePage(first, title(input, 'de'));
      const old = await readPage(secondPath);
      expect(old.status).toBe(308);
      expect(old.location).toBe(first);
    });
  });
});

describe('a withdrawn article', () => {
  it('answers 410 with a localized page at every URL it had, and leaves the listings', async () => {
    const tag = await editor.createTag('withdrawn');
    const input = articleInput({ tags: [tag.key] });
    const created = await editor.createArticle(input);
    const renamed = withText(input, 'de', { slug: `${input.translations.de?.slug}-zwei` });
    expect((await editor.api('PUT', `/api/articles/${created.id}`, renamed)).status).toBe(200);
    const paths = { de: `/de/artikel/${renamed.translations.de?.slug}`, en: urlOf(created, 'en') };
    const formerPath = urlOf(created, 'de');
    const tagPaths = LOCALES.map((locale) => tagPath(locale, tag.input[locale].slug));
    await waitFor(async () => {
      await expectArticlePage(paths.de, title(input, 'de'));
      await expectListed(HOME.en, paths.en, true);
    });
    await warm([...Object.values(paths), formerPath, ...Object.values(HOME), ...tagPaths]);

    const answer = await editor.api('DELETE', `/api/articles/${created.id}`);
    expect(answer.status).toBe(200);
    expect(bodyOf(answer, articleAnswer.pick({ id: true, withdrawnAt: true }))).toEqual({ id: created.id, withdrawnAt: expect.any(String) });

    await waitFor(async () => {
      for (const [locale, path] of [['de', paths.de], ['de', formerPath], ['en', paths.en]] as const) {
        const page = await readPage(path);
        expect(page.status, path).toBe(410);
        expect(page.html).toMatch(new RegExp(`<html[^>]*\\blang="${locale}"`));
        expect(headingOf(page.html)).toBe(GONE_HEADING[locale]);
        expect(page.headers.get('cache-control')).toMatch(/no-store/);
      }
      for (const locale of LOCALES) {
        await expectListed(HOME[locale], paths[locale], false);
        await expectListed(tagPath(locale, tag.input[locale].slug), paths[locale], false);
      }
    });

    for (const locale of LOCALES) {
      const page = await openPage(browser, { javaScriptEnabled: false });
      try {
        const response = await page.goto(new URL(paths[locale], baseUrl).href);
        expect(response?.status()).toBe(410);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
        expect((await page.locator('h1').innerText()).trim()).toBe(GONE_HEADING[locale]);
        await expect(page.locator('h1').isVisible()).resolves.toBe(true);
      } finally {
        await page.context().close();
      }
    }

    const kept = bodyOf(await editor.api('GET', `/api/articles/${created.id}`), articleAnswer);
    expect(kept.withdrawnAt).not.toBeNull();
    expect(Math.abs(Date.parse(kept.withdrawnAt ?? '') - Date.now())).toBeLessThan(60_000);
    expect(kept.translations).toEqual(renamed.translations);
    expect((await editor.api('DELETE', `/api/articles/${created.id}`)).status).toBe(404);
    expect((await editor.api('PUT', `/api/articles/${created.id}`, renamed)).status).toBe(404);
    const revisions = bodyOf(await editor.api('GET', `/api/articles/${created.id}/revisions`), revisionsAnswer).revisions;
    expect(revisions.map((revision) => revision.action)).toEqual(['created', 'updated', 'withdrawn']);
  });
});
