import type { Prisma } from '@/lib/generated/prisma/client';

type Tx = Prisma.TransactionClient;

/** A tag as editors submit it (PUT /api/tags/:key), with how many articles use it. */
export type EditorTag = { key: string; de?: { name: string; slug: string }; en?: { name: string; slug: string }; articleCount: number };

/** Every tag, by key, for the API and the desk's tag picker; not cached. */
export async function listTagsForEditor(client: Tx): Promise<EditorTag[]> {
  const tags = await client.tag.findMany({
    orderBy: { key: 'asc' },
    select: { key: true, translations: { select: { locale: true, name: true, slug: true } }, _count: { select: { articles: true } } },
  });
  return tags.map((tag) => ({
    key: tag.key,
    ...Object.fromEntries(tag.translations.map((t) => [t.locale, { name: t.name, slug: t.slug }])),
    articleCount: tag._count.articles,
  }));
}
