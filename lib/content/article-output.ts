import type { Prisma } from '@/lib/generated/prisma/client';
import type { ArticleType } from '@/lib/generated/prisma/enums';
import { articleTypeByName } from '@/lib/content/article-input';

type Tx = Prisma.TransactionClient;
type Lang = 'de' | 'en';

/** An article in the API's shape, as editors submit it, plus what the system keeps. */
export type ArticleOutput = {
  id: number;
  type: keyof typeof articleTypeByName;
  status: 'published' | 'draft';
  publishedAt: string;
  updatedAt: string;
  withdrawnAt: string | null;
  tags: string[];
  image?: {
    mediaId: string;
    alt: Partial<Record<Lang, string>>;
    caption: Partial<Record<Lang, string>>;
    credit?: string;
  };
  translations: Partial<Record<Lang, { title: string; slug: string; lead: string; body: string }>>;
};

const typeNameByEnum = Object.fromEntries(Object.entries(articleTypeByName).map(([name, value]) => [value, name])) as Record<
  ArticleType,
  keyof typeof articleTypeByName
>;

/** Reads an article back in the shape editors submit (bodies as their Markdown); null when unknown. */
export async function readArticleForEditor(tx: Tx, articleId: number): Promise<ArticleOutput | null> {
  const article = await tx.article.findUnique({
    where: { id: articleId },
    select: {
      id: true,
      type: true,
      status: true,
      publishedAt: true,
      updatedAt: true,
      withdrawnAt: true,
      imageId: true,
      imageCredit: true,
      tags: { orderBy: { position: 'asc' }, select: { tag: { select: { key: true } } } },
      translations: {
        orderBy: { locale: 'asc' },
        select: { locale: true, title: true, slug: true, lead: true, bodyMarkdown: true, imageAlt: true, imageCaption: true },
      },
    },
  });
  if (!article) return null;
  const output: ArticleOutput = {
    id: article.id,
    type: typeNameByEnum[article.type],
    status: article.status === 'PUBLISHED' ? 'published' : 'draft',
    publishedAt: article.publishedAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
    withdrawnAt: article.withdrawnAt?.toISOString() ?? null,
    tags: article.tags.map((t) => t.tag.key),
    translations: Object.fromEntries(
      article.translations.map((t) => [t.locale, { title: t.title, slug: t.slug, lead: t.lead, body: t.bodyMarkdown }]),
    ),
  };
  if (article.imageId) {
    output.image = {
      mediaId: article.imageId,
      alt: Object.fromEntries(article.translations.flatMap((t) => (t.imageAlt ? [[t.locale, t.imageAlt]] : []))),
      caption: Object.fromEntries(article.translations.flatMap((t) => (t.imageCaption ? [[t.locale, t.imageCaption]] : []))),
      ...(article.imageCredit ? { credit: article.imageCredit } : {}),
    };
  }
  return output;
}
