import 'server-only';
import type { Locale } from '@/i18n/routing';
import { readArticleForEditor, type ArticleOutput } from '@/lib/content/article-output';
import { db } from '@/lib/db';

/*
 * What the editing page reads besides the session: the article as editors
 * submit it (lib/content's own reader), the version it was opened at, and
 * the tags to pick from. Never cached: the desk always shows the stored state.
 */

export type ArticlePhase = 'draft' | 'scheduled' | 'published' | 'withdrawn';

export type EditorArticle = {
  article: ArticleOutput;
  /** Where it stands for readers at the time it was read. */
  phase: ArticlePhase;
  version: number;
  image: { width: number; height: number } | null;
};

export async function readEditorArticle(articleId: number): Promise<EditorArticle | null> {
  const client = db();
  const article = await readArticleForEditor(client, articleId);
  if (!article) return null;
  const row = await client.article.findUniqueOrThrow({
    where: { id: articleId },
    select: { image: { select: { width: true, height: true } } },
  });
  const phase: ArticlePhase = article.withdrawnAt
    ? 'withdrawn'
    : article.status === 'draft'
      ? 'draft'
      : Date.parse(article.publishedAt) > Date.now()
        ? 'scheduled'
        : 'published';
  return { article, phase, version: article.version, image: row.image };
}

export type PickableTag = { key: string; name: string };

/** Every tag, named in the desk's language (the other one when it has none), by name. */
export async function readPickableTags(locale: Locale): Promise<PickableTag[]> {
  const tags = await db().tag.findMany({ select: { key: true, translations: { select: { locale: true, name: true } } } });
  return tags
    .map((tag) => ({
      key: tag.key,
      name: (tag.translations.find((t) => t.locale === locale) ?? tag.translations[0])?.name ?? tag.key,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}
