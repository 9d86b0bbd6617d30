import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleInput, parseOrThrow } from '@/lib/content/article-input';
import { articleBody } from '@/lib/content/body-schema';
import { ContentError } from '@/lib/content/content-error';
import { createArticleInTransaction, replaceArticleInTransaction, type SavedArticle } from '@/lib/content/save-article';
import { freshDatabase, type FreshDatabase } from '../helpers/fresh-database';

describe('saving an article', () => {
  let database: FreshDatabase;
  let tagId: number;

  beforeAll(async () => {
    database = await freshDatabase();
    await database.prisma.media.create({ data: { id: 'lead-image', mimeType: 'image/jpeg', width: 1600, height: 900, byteSize: 1 } });
    const tag = await database.prisma.tag.create({
      data: { key: 'europa', translations: { create: [{ locale: 'de', name: 'Europa', slug: 'europa' }, { locale: 'en', name: 'Europe', slug: 'europe' }] } },
    });
    tagId = tag.id;
  });
  afterAll(() => database.drop());

  /** A valid editor submission; tests change only what they are about. */
  const submission = (slugs: { de?: string; en?: string }, extra: Record<string, unknown> = {}) => ({
    type: 'press-release',
    status: 'published',
    publishedAt: '2024-05-08T10:00:00+02:00',
    tags: ['europa'],
    translations: {
      ...(slugs.de ? { de: { title: 'Ein Titel', slug: slugs.de, lead: 'Ein Vorspann.', body: 'Ein **Absatz**.' } } : {}),
      ...(slugs.en ? { en: { title: 'A title', slug: slugs.en, lead: 'A lead.', body: 'A **paragraph**.' } } : {}),
    },
    ...extra,
  });

  const context = { author: 'integration-test' };
  const create = (input: unknown): Promise<SavedArticle> =>
    database.prisma.$transaction((tx) => createArticleInTransaction(tx, parseOrThrow(articleInput, input), context));
  const replace = (id: number, input: unknown): Promise<SavedArticle> =>
    database.prisma.$transaction((tx) => replaceArticleInTransaction(tx, id, parseOrThrow(articleInput, input), context));

  const contentError = async (write: Promise<unknown>) => {
    const error: unknown = await write.then(() => 'saved', (reason: unknown) => reason);
    if (!(error instanceof ContentError)) throw new Error(`expected a ContentError, got ${String(error)}`);
    return error;
  };
  const redirectsFor = (articleId: number) =>
    database.prisma.slugRedirect.findMany({ where: { articleId }, select: { locale: true, slug: true }, orderBy: { slug: 'asc' } });

  it('creates an article and returns its id with the cache tags of everything it appears on', async () => {
    const image = { mediaId: 'lead-image', alt: { de: 'Flaggen', en: 'Flags' }, credit: '© Beispiel' };
    const saved = await create(submission({ de: 'europatag', en: 'europe-day' }, { image }));

    const stored = await database.prisma.article.findUnique({
      where: { id: saved.id },
      select: {
        type: true, status: true, publishedAt: true, updatedAt: true, imageId: true, imageCredit: true,
        translations: { select: { locale: true, slug: true, imageAlt: true }, orderBy: { locale: 'asc' } },
        tags: { select: { tagId: true, position: true } },
      },
    });
    expect(stored).toEqual({
      type: 'PRESS_RELEASE',
      status: 'PUBLISHED',
      publishedAt: new Date('2024-05-08T08:00:00Z'),
      updatedAt: new Date('2024-05-08T08:00:00Z'),
      imageId: 'lead-image',
      imageCredit: '© Beispiel',
      translations: [{ locale: 'de', slug: 'europatag', imageAlt: 'Flaggen' }, { locale: 'en', slug: 'europe-day', imageAlt: 'Flags' }],
      tags: [{ tagId, position: 0 }],
    });
    expect(saved.cacheTags).toEqual(
      expect.arrayContaining([`article:${saved.id}`, 'article-lists', 'slug:de:europatag', 'slug:en:europe-day', `tag:${tagId}`]),
    );
  });

  it('keeps a replaced slug as a redirect to the article, and only the slug that changed', async () => {
    const { id } = await create(submission({ de: 'alter-titel', en: 'unchanged-title' }));
    const saved = await replace(id, submission({ de: 'neuer-titel', en: 'unchanged-title' }));

    expect(saved.id).toBe(id);
    expect(await redirectsFor(id)).toEqual([{ locale: 'de', slug: 'alter-titel' }]);
    const slugs = await database.prisma.articleTranslation.findMany({ where: { articleId: id }, select: { slug: true }, orderBy: { locale: 'asc' } });
    expect(slugs).toEqual([{ slug: 'neuer-titel' }, { slug: 'unchanged-title' }]);
    // Pages at the old and at the new URL both change.
    expect(saved.cacheTags).toEqual(expect.arrayContaining([`article:${id}`, 'slug:de:alter-titel', 'slug:de:neuer-titel']));
  });

  it("refuses another article's old, redirecting slug (the old link must keep showing its article), naming that article", async () => {
    const { id: first } = await create(submission({ de: 'frueherer-titel' }));
    await replace(first, submission({ de: 'spaeterer-titel' }));
    expect(await redirectsFor(first)).toEqual([{ locale: 'de', slug: 'frueherer-titel' }]);
    const articlesBefore = await database.prisma.article.count();

    const onCreate = await contentError(create(submission({ de: 'frueherer-titel' })));
    const { id: other } = await create(submission({ de: 'ganz-anderer-titel' }));
    const onReplace = await contentError(replace(other, submission({ de: 'frueherer-titel' })));
    for (const error of [onCreate, onReplace]) {
      expect(error.kind).toBe('conflict');
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]?.path).toBe('translations.de.slug');
      expect(error.problems[0]?.message).toMatch(new RegExp(`^was used until \\d{4}-\\d{2}-\\d{2} by article ${first} "Ein Titel"`));
    }
    expect(await database.prisma.article.count()).toBe(articlesBefore + 1);
    expect(await redirectsFor(first)).toEqual([{ locale: 'de', slug: 'frueherer-titel' }]);
  });

  it('lets an article take back its own old slug, which then stops redirecting', async () => {
    const { id } = await create(submission({ de: 'erster-name' }));
    await replace(id, submission({ de: 'zweiter-name' }));
    await replace(id, submission({ de: 'erster-name' }));
    expect(await redirectsFor(id)).toEqual([{ locale: 'de', slug: 'zweiter-name' }]);
  });

  it('refuses a slug another article uses in the same language as a conflict, on create and on replace', async () => {
    const { id } = await create(submission({ de: 'vergebener-titel' }));
    const { id: other } = await create(submission({ de: 'anderer-titel' }));
    const articlesBefore = await database.prisma.article.count();

    const onCreate = await contentError(create(submission({ de: 'vergebener-titel' })));
    const onReplace = await contentError(replace(other, submission({ de: 'vergebener-titel' })));
    for (const error of [onCreate, onReplace]) {
      expect(error.kind).toBe('conflict');
      expect(error.problems).toEqual([{ path: 'translations.de.slug', message: 'already used by another article' }]);
    }
    expect(await database.prisma.article.count()).toBe(articlesBefore);
    const owner = await database.prisma.articleTranslation.findUnique({ where: { locale_slug: { locale: 'de', slug: 'vergebener-titel' } }, select: { articleId: true } });
    expect(owner).toEqual({ articleId: id });
    // The same slug in the other language is someone else's to use.
    await expect(create(submission({ en: 'vergebener-titel' }))).resolves.toMatchObject({ id: expect.any(Number) });
  });

  it('reports every bad field of a submission at once', () => {
    const problemPaths = (input: unknown) => {
      try {
        parseOrThrow(articleInput, input);
      } catch (error) {
        if (error instanceof ContentError && error.kind === 'invalid') return error.problems.map((p) => p.path).sort();
        throw error;
      }
      throw new Error('the submission was accepted');
    };

    expect(
      problemPaths(
        submission({ de: 'Kein Slug', en: 'fine-slug' }, {
          type: 'opinion',
          image: { mediaId: 'lead-image', alt: { de: 'Flaggen' } },
        }),
      ),
    ).toEqual(['image.alt.en', 'translations.de.slug', 'type']);
    expect(problemPaths(submission({}, { type: 'opinion', status: 'archived' }))).toEqual(['status', 'translations', 'type']);
  });

  it('never stores a javascript: link from a Markdown body, however it is written, nor a site link that leaves the site', async () => {
    const body = [
      'Safe [site link](/de/artikel) and [web link](https://example.org).',
      'Unsafe [inline](javascript:alert(1)), [mixed case](JaVaScRiPt:alert(1)), [entity](javascript&#58;alert(1)),',
      '<javascript:alert(1)>, [reference][evil] and <a href="javascript:alert(1)">raw html</a>.',
      // Browsers read these as //evil.example.
      'Off-site [backslash](/\\evil.example) and [tab](</\t/evil.example>).',
      '',
      '[evil]: javascript:alert(1)',
    ].join('\n');
    const input = submission({ de: 'sichere-links' });
    const { id } = await create({ ...input, translations: { de: { ...input.translations.de, body } } });

    const stored = await database.prisma.articleTranslation.findFirstOrThrow({ where: { articleId: id }, select: { body: true } });
    const blocks = articleBody.parse(stored.body);
    const links = blocks.flatMap((block) => (block.type === 'paragraph' ? block.children : [])).filter((node) => node.type === 'link');
    expect(links.map((link) => link.href)).toEqual(['/de/artikel', 'https://example.org']);
    // The words editors wrote stay readable, as plain text.
    expect(JSON.stringify(stored.body)).toMatch(/inline.*mixed case.*entity.*reference.*raw html.*backslash.*tab/);
  });
});
