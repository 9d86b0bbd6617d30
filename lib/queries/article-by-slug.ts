import 'server-only';
import { cache } from 'react';
import { notFound, permanentRedirect } from 'next/navigation';
import type { Locale } from '@/i18n/routing';
import { getArticle, resolveArticleSlug, type ArticleView } from '@/lib/queries/articles';
import { articlePath } from '@/lib/paths';

/**
 * The article a URL names, shared by the page and its metadata within one
 * render. Old slugs and slugs of the other language redirect permanently to
 * the current URL, so shared links keep working; anything else is a 404.
 */
export const loadArticleForUrl = cache(async (locale: Locale, slug: string): Promise<ArticleView> => {
  const resolution = await resolveArticleSlug(locale, slug);
  if (resolution.kind === 'redirect') permanentRedirect(articlePath(resolution.locale, resolution.slug));
  if (resolution.kind === 'missing') notFound();
  const article = await getArticle(resolution.articleId, locale);
  if (!article) notFound();
  return article;
});
