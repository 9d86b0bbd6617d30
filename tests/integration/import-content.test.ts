import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleBody } from '@/lib/content/body-schema';
import { ContentError } from '@/lib/content/content-error';
import { importContent, type ImportResult } from '@/lib/content/import-content';
import { freshDatabase, type FreshDatabase } from '../helpers/fresh-database';

// Expectations are read from the demo files themselves, so editing the demo content does not break this test.
type DemoTranslation = { title: string; slug: string; lead: string; body: string };
type DemoArticle = {
  file: string;
  tags: string[];
  image?: { mediaId: string; alt: Partial<Record<'de' | 'en', string>>; credit?: string };
  translations: Partial<Record<'de' | 'en', DemoTranslation>>;
};

const demoDir = path.join(import.meta.dirname, '../../content/demo');
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const demoTagKeys = Object.keys(readJson(path.join(demoDir, 'tags.json')) as Record<string, unknown>);
const demoImages = readJson(path.join(demoDir, 'images.json')) as { id: string; width: number; height: number }[];
const demoArticles: DemoArticle[] = readdirSync(path.join(demoDir, 'articles'))
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ file, ...(readJson(path.join(demoDir, 'articles', file)) as Omit<DemoArticle, 'file'>) }));

const anyHtmlTag = /<\/?[a-z!][^>]*>/i;

/** Finds the stored article a demo file became, by one of its slugs. */
function sameArticle(demoArticle: DemoArticle) {
  const [locale, translation] = demoArticle.translations.de ? (['de', demoArticle.translations.de] as const) : (['en', demoArticle.translations.en] as const);
  if (!translation) throw new Error(`${demoArticle.file} has no translation`);
  return { translations: { some: { locale, slug: translation.slug } } };
}

describe('importContent', () => {
  let database: FreshDatabase;
  let demo: ImportResult;
  const scratchDirs: string[] = [];

  const counts = async () => {
    const prisma = database.prisma;
    return {
      articles: await prisma.article.count(),
      translations: await prisma.articleTranslation.count(),
      tags: await prisma.tag.count(),
      tagTranslations: await prisma.tagTranslation.count(),
      articleTags: await prisma.articleTag.count(),
    };
  };

  /** A folder of JSON files under the system's temp folder; values that are strings are written verbatim. */
  const folderWith = (files: Record<string, unknown>) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'portal-import-'));
    scratchDirs.push(dir);
    for (const [name, content] of Object.entries(files)) {
      writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
    }
    return dir;
  };

  /** Runs an import that must fail, and proves it left the database as it was. */
  const failingImport = async (dir: string) => {
    const before = await counts();
    const error: unknown = await importContent(database.prisma, [dir]).then(() => 'imported', (reason: unknown) => reason);
    expect(await counts()).toEqual(before);
    if (!(error instanceof ContentError)) throw new Error(`expected a ContentError, got ${String(error)}`);
    return error;
  };

  const article = (slug: string, tags: string[] = []) => ({
    type: 'article',
    status: 'published',
    tags,
    translations: { de: { title: `Titel ${slug}`, slug, lead: 'Ein Vorspann.', body: 'Ein Absatz.' } },
  });
  const newTag = { 'import-test-thema': { de: { name: 'Testthema', slug: 'testthema' }, en: { name: 'Test topic', slug: 'test-topic' } } };

  beforeAll(async () => {
    database = await freshDatabase();
    // Articles refer to images by id only; the files themselves are irrelevant here.
    await database.prisma.media.createMany({
      data: demoImages.map((image) => ({ id: image.id, mimeType: 'image/jpeg', width: image.width, height: image.height, byteSize: 1 })),
    });
    demo = await importContent(database.prisma, [path.join(demoDir, 'tags.json'), path.join(demoDir, 'articles')]);
  });
  afterAll(async () => {
    for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
    await database.drop();
  });

  describe('the demo content', () => {
    it('imports every tag and article and returns the cache tags to revalidate', async () => {
      expect(demoArticles.length).toBeGreaterThan(0);
      const translationCount = demoArticles.reduce((sum, a) => sum + Object.keys(a.translations).length, 0);
      expect(demo).toMatchObject({ tags: demoTagKeys.length, articles: demoArticles.length });
      expect(await counts()).toEqual({
        articles: demoArticles.length,
        translations: translationCount,
        tags: demoTagKeys.length,
        tagTranslations: demoTagKeys.length * 2,
        articleTags: demoArticles.reduce((sum, a) => sum + a.tags.length, 0),
      });
      const ids = (await database.prisma.article.findMany({ select: { id: true } })).map((a) => a.id);
      expect(demo.cacheTags).toEqual(expect.arrayContaining(['article-lists', 'tag-list', ...ids.map((id) => `article:${id}`)]));
    });

    it('stores each language an article has, its image texts, and no row for a missing language', async () => {
      const germanOnly = demoArticles.filter((a) => a.translations.de && !a.translations.en);
      expect(germanOnly.length).toBeGreaterThan(0);
      for (const demoArticle of demoArticles) {
        const stored = await database.prisma.article.findFirst({
          where: sameArticle(demoArticle),
          select: {
            imageId: true,
            imageCredit: true,
            translations: { select: { locale: true, title: true, slug: true, lead: true, imageAlt: true }, orderBy: { locale: 'asc' } },
          },
        });
        expect(stored, demoArticle.file).toEqual({
          imageId: demoArticle.image?.mediaId ?? null,
          imageCredit: demoArticle.image?.credit ?? null,
          translations: (['de', 'en'] as const).flatMap((locale) => {
            const expected = demoArticle.translations[locale];
            if (!expected) return [];
            const { title, slug, lead } = expected;
            return [{ locale, title, slug, lead, imageAlt: demoArticle.image?.alt[locale] ?? null }];
          }),
        });
      }
      for (const demoArticle of germanOnly) {
        const english = await database.prisma.articleTranslation.count({ where: { locale: 'en', article: sameArticle(demoArticle) } });
        expect(english, demoArticle.file).toBe(0);
      }
    });

    it('keeps each article’s tags in the order its file lists them', async () => {
      for (const demoArticle of demoArticles) {
        const rows = await database.prisma.articleTag.findMany({
          where: { article: sameArticle(demoArticle) },
          orderBy: { position: 'asc' },
          select: { position: true, tag: { select: { key: true } } },
        });
        expect(rows, demoArticle.file).toEqual(demoArticle.tags.map((key, position) => ({ position, tag: { key } })));
      }
    });

    it('stores bodies as structured blocks, never as HTML', async () => {
      const translations = await database.prisma.articleTranslation.findMany({ select: { slug: true, body: true } });
      const markdownBySlug = new Map(demoArticles.flatMap((a) => Object.values(a.translations).map((t) => [t.slug, t.body])));
      expect(translations.length).toBe(markdownBySlug.size);
      for (const { slug, body } of translations) {
        const markdown = markdownBySlug.get(slug) ?? '';
        const parsed = articleBody.safeParse(body);
        expect(parsed.error, slug).toBeUndefined();
        expect(JSON.stringify(body), slug).not.toMatch(anyHtmlTag);
        const blockTypes = new Set((parsed.data ?? []).map((block) => block.type));
        expect(blockTypes.has('paragraph'), slug).toBe(true);
        // Markdown structure survives as blocks rather than as text with markup in it.
        if (/^##? /m.test(markdown)) expect(blockTypes.has('heading'), slug).toBe(true);
        if (/^> /m.test(markdown)) expect(blockTypes.has('quote'), slug).toBe(true);
        if (/^(- |\d+\. )/m.test(markdown)) expect(blockTypes.has('list'), slug).toBe(true);
        if (/\]\(https?:/.test(markdown)) expect(JSON.stringify(body), slug).toContain('"type":"link"');
      }
    });
  });

  describe('a bad folder', () => {
    it('names the file and field of an invalid article and writes nothing, not even the valid files', async () => {
      const dir = folderWith({
        'tags.json': newTag,
        'a-valid.json': article('gueltiger-artikel', ['import-test-thema']),
        'b-bad.json': {
          ...article('schlechter-artikel'),
          translations: { en: { title: 'Bad', slug: 'Not a slug', lead: 'Lead.', body: 'Body.' } },
        },
      });
      const error = await failingImport(dir);
      expect(error.kind).toBe('invalid');
      expect(error.problems).toEqual([{ path: `${path.join(dir, 'b-bad.json')}: translations.en.slug`, message: expect.any(String) }]);
    });

    it('names a file that is not valid JSON', async () => {
      const dir = folderWith({ 'a-valid.json': article('noch-ein-artikel'), 'broken.json': '{ "type": "article", ' });
      const error = await failingImport(dir);
      expect(error.problems).toEqual([{ path: path.join(dir, 'broken.json'), message: expect.stringMatching(/not valid JSON/) }]);
    });

    // These two are only found inside the transaction, after the valid file before them was written.
    it('names an unknown tag key by its position, and rolls back what was already written', async () => {
      const dir = folderWith({
        'tags.json': newTag,
        'a-valid.json': article('gueltiger-artikel', ['import-test-thema']),
        'b-unknown-tag.json': article('artikel-mit-unbekanntem-thema', ['import-test-thema', 'no-such-tag']),
      });
      const error = await failingImport(dir);
      expect(error.problems).toEqual([{ path: `${path.join(dir, 'b-unknown-tag.json')}: tags.1`, message: 'unknown tag "no-such-tag"' }]);
      expect(await database.prisma.tag.findUnique({ where: { key: 'import-test-thema' } })).toBeNull();
    });

    it('reports a slug another article already uses in the same language', async () => {
      const takenSlug = demoArticles.find((a) => a.translations.de)?.translations.de?.slug;
      if (!takenSlug) throw new Error('the demo content has no German article');
      const dir = folderWith({ 'a-valid.json': article('gueltiger-artikel'), 'b-taken-slug.json': article(takenSlug) });
      const error = await failingImport(dir);
      expect(error.message).toBe(`${path.join(dir, 'b-taken-slug.json')}: translations.de.slug: already used by another article`);
    });
  });
});
