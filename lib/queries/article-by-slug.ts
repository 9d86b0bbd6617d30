import 'server-only';
import { cache } from 'react';
import type { Locale } from '@/i18n/routing';
import { getArticle, resolveArticleSlug, type ArticleView } from '@/lib/queries/articles';
import { articlePath } from '@/lib/paths';

export type ArticleForUrl = { kind: 'article'; article: ArticleView } | { kind: 'redirect'; path: string };

/**
 * The article a URL names, shared by the page and its metadata within one
 * render. Old slugs and slugs of the other language resolve to the current
 * URL, for the page to redirect to permanently (only the page redirects, so
 * the answer carries one Location header); null for anything else.
 */
export const loadArticleForUrl = cache(async (locale: Locale, slug: string): Promise<ArticleForUrl | null> => {
  const resolution = await resolveArticleSlug(locale, slug);
  if (resolution.kind === 'redirect') return { kind: 'redirect', path: articlePath(resolution.locale, resolution.slug) };
  if (resolution.kind === 'missing') return null;
  const article = await getArticle(resolution.articleId, locale);
  return article ? { kind: 'article', article } : null;
});
