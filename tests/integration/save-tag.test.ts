import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentError } from '@/lib/content/content-error';
import { upsertTag } from '@/lib/content/save-tag';
import { freshDatabase, type FreshDatabase } from '../helpers/fresh-database';

describe('upsertTag', () => {
  let database: FreshDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(() => database.drop());

  const storedTag = (key: string) =>
    database.prisma.tag.findUnique({
      where: { key },
      select: { id: true, translations: { select: { locale: true, name: true, slug: true }, orderBy: { locale: 'asc' } } },
    });

  it('creates a tag with its German and English name and slug', async () => {
    const cacheTags = await upsertTag(database.prisma, 'klimapolitik', {
      de: { name: 'Klimapolitik', slug: 'klimapolitik' },
      en: { name: 'Climate policy', slug: 'climate-policy' },
    });

    const tag = await storedTag('klimapolitik');
    expect(tag?.translations).toEqual([
      { locale: 'de', name: 'Klimapolitik', slug: 'klimapolitik' },
      { locale: 'en', name: 'Climate policy', slug: 'climate-policy' },
    ]);
    expect(cacheTags).toEqual(expect.arrayContaining([`tag:${tag?.id}`, 'tag-list', 'slug:tag-de:klimapolitik', 'slug:tag-en:climate-policy']));
  });

  it('updates an existing tag in place and revalidates its old URL and the articles showing it', async () => {
    const input = { de: { name: 'Abrüstung', slug: 'abruestung' }, en: { name: 'Disarmament', slug: 'disarmament' } };
    await upsertTag(database.prisma, 'abruestung', input);
    const before = await storedTag('abruestung');
    const article = await database.prisma.article.create({
      data: { type: 'ARTICLE', publishedAt: new Date(), updatedAt: new Date(), tags: { create: { tagId: before?.id ?? -1 } } },
    });

    const cacheTags = await upsertTag(database.prisma, 'abruestung', { ...input, en: { name: 'Arms control', slug: 'arms-control' } });

    const after = await storedTag('abruestung');
    expect(after).toEqual({
      id: before?.id,
      translations: [
        { locale: 'de', name: 'Abrüstung', slug: 'abruestung' },
        { locale: 'en', name: 'Arms control', slug: 'arms-control' },
      ],
    });
    expect(cacheTags).toEqual(
      expect.arrayContaining([`tag:${after?.id}`, 'slug:tag-en:disarmament', 'slug:tag-en:arms-control', `article:${article.id}`]),
    );
  });

  it('refuses a slug another tag uses as a conflict naming the field, and writes nothing', async () => {
    await upsertTag(database.prisma, 'europa', { de: { name: 'Europa', slug: 'europa' }, en: { name: 'Europe', slug: 'europe' } });
    const tagsBefore = await database.prisma.tagTranslation.findMany({ orderBy: { id: 'asc' } });

    const error: unknown = await upsertTag(database.prisma, 'europaeische-union', {
      de: { name: 'Europäische Union', slug: 'europaeische-union' },
      en: { name: 'European Union', slug: 'europe' },
    }).then(() => 'saved', (reason: unknown) => reason);

    expect(error).toBeInstanceOf(ContentError);
    expect(error).toMatchObject({ kind: 'conflict', problems: [{ path: 'en.slug', message: 'already used by tag "europa"' }] });
    expect(await storedTag('europaeische-union')).toBeNull();
    expect(await database.prisma.tagTranslation.findMany({ orderBy: { id: 'asc' } })).toEqual(tagsBefore);
  });
});
