import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '@/i18n/routing';
import type { TagInput } from '@/lib/content/article-input';
import type { PrismaClient } from '@/lib/prisma-client';
import { tagPath } from './helpers';
import {
  articleInput,
  contentCounts,
  headingOf,
  linksTo,
  openDatabase,
  openEditorSession,
  problemPaths,
  problemsOf,
  readPage,
  tagInput,
  textOf,
  uniqueSuffix,
  urlOf,
  waitFor,
  type EditorSession,
} from './publishing-helpers';

const LOCALES: Locale[] = ['de', 'en'];
const TAG_HEADING: Record<Locale, string> = { de: 'Schlagwort', en: 'Tag' };

let prisma: PrismaClient;
let editor: EditorSession;

beforeAll(async () => {
  prisma = openDatabase();
  editor = await openEditorSession(prisma, 'tags');
});

afterAll(async () => {
  await editor.close();
  await prisma.$disconnect();
});

async function storedTag(key: string) {
  return prisma.tag.findUnique({
    where: { key },
    select: { translations: { orderBy: { locale: 'asc' }, select: { locale: true, name: true, slug: true } } },
  });
}

async function expectTagPage(locale: Locale, input: TagInput) {
  const path = tagPath(locale, input[locale].slug);
  const page = await readPage(path);
  expect(page.status, path).toBe(200);
  expect(headingOf(page.html)).toBe(`${TAG_HEADING[locale]}: ${input[locale].name}`);
  return page;
}

describe('PUT /api/tags/<key>', () => {
  it('creates a tag whose pages answer at once', async () => {
    const key = `created-${uniqueSuffix()}`;
    const input = tagInput('created');
    for (const locale of LOCALES) expect((await readPage(tagPath(locale, input[locale].slug))).status).toBe(404);

    const answer = await editor.api('PUT', `/api/tags/${key}`, input);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ key, ...input });
    expect(answer.headers.get('cache-control')).toMatch(/no-store/);

    await waitFor(async () => {
      for (const locale of LOCALES) await expectTagPage(locale, input);
    });
  });

  it('renames a tag: its new pages, its articles and the home pages show the new name within two seconds', async () => {
    const tag = await editor.createTag('renamed');
    const created = await editor.createArticle(articleInput({ tags: [tag.key] }));
    const renamed = tagInput('renamed-again');
    await waitFor(async () => {
      for (const locale of LOCALES) {
        expect(linksTo((await readPage(urlOf(created, locale))).html, tagPath(locale, tag.input[locale].slug))).toBe(true);
        expect(linksTo((await readPage(`/${locale}`)).html, tagPath(locale, tag.input[locale].slug))).toBe(true);
        await expectTagPage(locale, tag.input);
        expect((await readPage(tagPath(locale, renamed[locale].slug))).status).toBe(404);
      }
    });

    const answer = await editor.api('PUT', `/api/tags/${tag.key}`, renamed);
    expect(answer.status).toBe(200);
    expect(await storedTag(tag.key)).toEqual({ translations: LOCALES.map((locale) => ({ locale, ...renamed[locale] })) });

    await waitFor(async () => {
      for (const locale of LOCALES) {
        const tagPage = await expectTagPage(locale, renamed);
        expect(linksTo(tagPage.html, urlOf(created, locale))).toBe(true);
        const article = await readPage(urlOf(created, locale));
        expect(linksTo(article.html, tagPath(locale, renamed[locale].slug))).toBe(true);
        expect(textOf(article.html)).toContain(renamed[locale].name);
        expect(linksTo(article.html, tagPath(locale, tag.input[locale].slug))).toBe(false);
        const home = await readPage(`/${locale}`);
        expect(linksTo(home.html, tagPath(locale, renamed[locale].slug))).toBe(true);
        expect(linksTo(home.html, tagPath(locale, tag.input[locale].slug))).toBe(false);
      }
    });
  });

  it('answers a slug another tag uses with 409 naming the field, and changes nothing', async () => {
    const [first, second] = [await editor.createTag('first'), await editor.createTag('second')];
    const clash = { ...second.input, en: { name: second.input.en.name, slug: first.input.en.slug } };
    const before = await contentCounts(prisma);

    const answer = await editor.api('PUT', `/api/tags/${second.key}`, clash);
    expect(answer.status).toBe(409);
    expect(problemPaths(answer)).toEqual(['en.slug']);
    expect(problemsOf(answer)[0]?.message).toContain(first.key);
    expect(await contentCounts(prisma)).toEqual(before);
    expect(await storedTag(second.key)).toEqual({ translations: LOCALES.map((locale) => ({ locale, ...second.input[locale] })) });

    const newKey = `clash-${uniqueSuffix()}`;
    const refusedCreate = await editor.api('PUT', `/api/tags/${newKey}`, { ...tagInput('clash'), de: first.input.de });
    expect(refusedCreate.status).toBe(409);
    expect(problemPaths(refusedCreate)).toEqual(['de.slug']);
    expect(await storedTag(newKey)).toBeNull();
  });

  it('answers an invalid key or body with 400 naming the fields, and creates nothing', async () => {
    const before = await contentCounts(prisma);
    const badKey = await editor.api('PUT', '/api/tags/Not_A_Key', tagInput('bad'));
    expect(badKey.status).toBe(400);
    expect(problemPaths(badKey)).toEqual(['key']);

    const { de } = tagInput('half');
    const badBody = await editor.api('PUT', `/api/tags/half-${uniqueSuffix()}`, { de: { ...de, slug: 'Kein Slug' } });
    expect(badBody.status).toBe(400);
    expect(problemPaths(badBody)).toEqual(expect.arrayContaining(['de.slug', 'en']));
    expect(await contentCounts(prisma)).toEqual(before);
  });
});
