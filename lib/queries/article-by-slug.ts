import 'server-only';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import type { Locale } from '@/i18n/routing';
import { getArticle, resolveArticleSlug, type ArticleView } from '@/lib/queries/articles';
import { articlePath } from '@/lib/paths';

export type ArticleForUrl = { kind: 'article'; article: ArticleView } | { kind: 'redirect'; path: string };

/**
 * The article a URL names, shared by the page and its metadata within one
 * render. Old slugs and slugs of the other language resolve to the current
 * URL, for the page to redirect to permanently (only the page redirects, so
 * the answer carries one Location header); anything else is a 404.
 */
export const loadArticleForUrl = cache(async (locale: Locale, slug: string): Promise<ArticleForUrl> => {
  const resolution = await resolveArticleSlug(locale, slug);
  if (resolution.kind === 'redirect') return { kind: 'redirect', path: articlePath(resolution.locale, resolution.slug) };
  if (resolution.kind === 'missing') notFound();
  const article = await getArticle(resolution.articleId, locale);
  if (!article) notFound();
  return { kind: 'article', article };
});
