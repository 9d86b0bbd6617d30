import 'server-only';
import { routing, type Locale } from '@/i18n/routing';
import type { ArticleOutput } from '@/lib/content/article-output';
import { articlePath } from '@/lib/paths';
import { previewPath } from '@/lib/preview-signature';

/** The public URL of each language version, and a signed preview URL while readers cannot see it yet. */
export function articleUrls(article: ArticleOutput, now = new Date()) {
  const urls: Partial<Record<Locale, string>> = {};
  for (const locale of routing.locales) {
    const translation = article.translations[locale];
    if (translation) urls[locale] = articlePath(locale, translation.slug);
  }
  const visible = article.status === 'published' && new Date(article.publishedAt) <= now && !article.withdrawnAt;
  const firstLocale = routing.locales.find((locale) => article.translations[locale]) ?? routing.defaultLocale;
  return visible ? { urls } : { urls, previewUrl: previewPath(firstLocale, article.id) };
}
