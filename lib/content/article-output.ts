import type { Prisma } from '@/lib/generated/prisma/client';
import type { ArticleType } from '@/lib/generated/prisma/enums';
import { articleTypeByName } from '@/lib/content/article-input';

type Tx = Prisma.TransactionClient;
type Lang = 'de' | 'en';

/** One language of an article, as editors submit it, plus the times the system keeps. */
export type TranslationOutput = {
  title: string;
  slug: string;
  lead: string;
  body: string;
  correction?: string;
  /** When the correction note was last set or changed (ISO 8601). */
  correctedAt?: string;
  /** Why the article was withdrawn, shown to readers on its 410 page. */
  withdrawnReason?: string;
};

/** An article in the API's shape, as editors submit it, plus what the system keeps (as stored in revision snapshots). */
export type ArticleState = {
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
  translations: Partial<Record<Lang, TranslationOutput>>;
};

/** An article as read now: its state and its version (the id of its latest revision; 0 for one that has none). */
export type ArticleOutput = ArticleState & { version: number };

const typeNameByEnum = Object.fromEntries(Object.entries(articleTypeByName).map(([name, value]) => [value, name])) as Record<
  ArticleType,
  keyof typeof articleTypeByName
>;

/** The version of an article: the id of its latest revision, 0 when it has none. */
export async function readArticleVersion(tx: Tx, articleId: number): Promise<number> {
  const latest = await tx.articleRevision.findFirst({ where: { articleId }, orderBy: { id: 'desc' }, select: { id: true } });
  return latest?.id ?? 0;
}

/** Reads an article back in the shape editors submit (bodies as their Markdown) with its version; null when unknown. */
export async function readArticleForEditor(tx: Tx, articleId: number): Promise<ArticleOutput | null> {
  // One after the other: inside a transaction the client runs queries on one connection anyway.
  const state = await readArticleState(tx, articleId);
  return state ? { ...state, version: await readArticleVersion(tx, articleId) } : null;
}

/** The article without its version: what a revision keeps as its snapshot. */
export async function readArticleState(tx: Tx, articleId: number): Promise<ArticleState | null> {
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
        select: {
          locale: true,
          title: true,
          slug: true,
          lead: true,
          bodyMarkdown: true,
          imageAlt: true,
          imageCaption: true,
          correction: true,
          correctedAt: true,
          withdrawnReason: true,
        },
      },
    },
  });
  if (!article) return null;
  const output: ArticleState = {
    id: article.id,
    type: typeNameByEnum[article.type],
    status: article.status === 'PUBLISHED' ? 'published' : 'draft',
    publishedAt: article.publishedAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
    withdrawnAt: article.withdrawnAt?.toISOString() ?? null,
    tags: article.tags.map((t) => t.tag.key),
    translations: Object.fromEntries(
      article.translations.map((t) => [
        t.locale,
        {
          title: t.title,
          slug: t.slug,
          lead: t.lead,
          body: t.bodyMarkdown,
          ...(t.correction ? { correction: t.correction, correctedAt: t.correctedAt?.toISOString() } : {}),
          ...(t.withdrawnReason ? { withdrawnReason: t.withdrawnReason } : {}),
        } satisfies TranslationOutput,
      ]),
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
