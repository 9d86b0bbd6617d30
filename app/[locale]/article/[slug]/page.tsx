import type { Metadata } from 'next';
import { setRequestLocale } from 'next-intl/server';
import { notFound, permanentRedirect } from 'next/navigation';
import { otherLocale, type Locale, isLocale } from '@/i18n/routing';
import { alternatesMetadata } from '@/lib/alternates';
import { loadArticleForUrl } from '@/lib/queries/article-by-slug';
import { listRelatedArticles } from '@/lib/queries/articles';
import { absoluteUrl, articlePath } from '@/lib/paths';
import { shareImage } from '@/lib/media/share-image';
import { siteShareImage, siteTexts } from '@/lib/site-identity';
import { ArticlePage } from '@/components/pages/ArticlePage';

export const revalidate = 300; // safety net; writes revalidate on demand (lib/cache-tags.ts)

// Link previews name the region too; en_GB matches the British spelling of the English texts.
const OPEN_GRAPH_LOCALES: Record<Locale, string> = { de: 'de_DE', en: 'en_GB' };

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/[locale]/article/[slug]'>): Promise<Metadata> {
  const { locale, slug } = await params;
  if (!isLocale(locale)) return {};
  const found = await loadArticleForUrl(locale, slug);
  if (found === null || found.kind === 'redirect') return {};
  const { article } = found;
  const paths = Object.fromEntries(
    Object.entries(article.slugs).map(([lang, langSlug]) => [lang, articlePath(lang as Locale, langSlug)]),
  );
  const url = absoluteUrl(articlePath(locale, article.slug));
  // Without a lead image of its own, an article is shared with the site's image, so every preview has one.
  const image = article.image ? shareImage(article.image) : siteShareImage(locale);
  const hasTranslation = article.slugs[otherLocale(locale)] !== undefined;
  return {
    title: article.title,
    description: article.lead,
    alternates: alternatesMetadata(locale, paths),
    openGraph: {
      type: 'article',
      title: article.title,
      description: article.lead,
      url,
      siteName: siteTexts(locale).name,
      locale: OPEN_GRAPH_LOCALES[locale],
      alternateLocale: hasTranslation ? OPEN_GRAPH_LOCALES[otherLocale(locale)] : undefined,
      images: [image],
      publishedTime: article.publishedAt,
      modifiedTime: article.updatedAt,
      tags: article.tags.map((tag) => tag.name),
    },
    twitter: {
      card: 'summary_large_image',
      title: article.title,
      description: article.lead,
      images: [{ url: image.url, alt: image.alt }],
    },
  };
}

export default async function Page({ params }: PageProps<'/[locale]/article/[slug]'>) {
  const { locale, slug } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  const found = await loadArticleForUrl(locale, slug);
  if (found === null) notFound();
  if (found.kind === 'redirect') permanentRedirect(found.path);
  const { article } = found;
  const related = await listRelatedArticles(article.id, article.tags.map((tag) => tag.id), locale);
  return <ArticlePage article={article} related={related} />;
}
