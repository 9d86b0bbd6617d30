import 'server-only';
import type { ArticleOutput } from '@/lib/content/article-output';
import { articlePath } from '@/lib/paths';
import { previewPath } from '@/lib/preview-signature';

/** The public URL of each language version, and a signed preview URL while readers cannot see it yet. */
export function articleUrls(article: ArticleOutput, now = new Date()) {
  const urls: Partial<Record<'de' | 'en', string>> = {};
  for (const locale of ['de', 'en'] as const) {
    const translation = article.translations[locale];
    if (translation) urls[locale] = articlePath(locale, translation.slug);
  }
  const visible = article.status === 'published' && new Date(article.publishedAt) <= now && !article.withdrawnAt;
  const firstLocale = article.translations.de ? 'de' : 'en';
  return visible ? { urls } : { urls, previewUrl: previewPath(firstLocale, article.id) };
}
