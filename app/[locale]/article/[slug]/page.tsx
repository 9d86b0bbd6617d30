import type { Metadata } from 'next';
import { hasLocale } from 'next-intl';
import { setRequestLocale } from 'next-intl/server';
import { notFound, permanentRedirect } from 'next/navigation';
import { routing } from '@/i18n/routing';
import { alternatesMetadata } from '@/lib/alternates';
import { loadArticleForUrl } from '@/lib/queries/article-by-slug';
import { articlePath } from '@/lib/paths';
import { ArticlePage } from '@/components/pages/ArticlePage';

export const revalidate = 300; // safety net; writes revalidate on demand (lib/cache-tags.ts)

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/[locale]/article/[slug]'>): Promise<Metadata> {
  const { locale, slug } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const found = await loadArticleForUrl(locale, slug);
  if (found.kind === 'redirect') return {};
  const { article } = found;
  const paths = Object.fromEntries(
    Object.entries(article.slugs).map(([lang, langSlug]) => [lang, articlePath(lang as typeof locale, langSlug)]),
  );
  return {
    title: article.title,
    description: article.lead,
    alternates: alternatesMetadata(locale, paths),
  };
}

export default async function Page({ params }: PageProps<'/[locale]/article/[slug]'>) {
  const { locale, slug } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const found = await loadArticleForUrl(locale, slug);
  if (found.kind === 'redirect') permanentRedirect(found.path);
  return <ArticlePage article={found.article} />;
}
