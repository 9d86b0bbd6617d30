import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { otherLocale, type Locale, isLocale } from '@/i18n/routing';
import { getArticlePreview, listRelatedArticles } from '@/lib/queries/articles';
import { isValidPreview, previewPath } from '@/lib/preview-signature';
import { parseArticleId } from '@/lib/api/article-id';
import { ArticlePage } from '@/components/pages/ArticlePage';

// Rendered for each request and never cached: a draft must not reach the public cache.
export const dynamic = 'force-dynamic';

type Props = PageProps<'/[locale]/preview/[id]'>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function loadPreview({ params, searchParams }: Props) {
  const [{ locale, id }, query] = await Promise.all([params, searchParams]);
  const articleId = parseArticleId(id);
  if (!isLocale(locale) || articleId === null) notFound();
  if (!isValidPreview(articleId, first(query.expires), first(query.signature))) notFound();
  const article = await getArticlePreview(articleId, locale);
  if (!article) notFound();
  return { locale: locale as Locale, article };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { locale, article } = await loadPreview(props);
  const t = await getTranslations({ locale, namespace: 'Metadata' });
  return { title: t('previewTitle', { title: article.title }), robots: { index: false, follow: false } };
}

export default async function Page(props: Props) {
  const { locale, article } = await loadPreview(props);
  setRequestLocale(locale);
  const other = otherLocale(locale);
  const otherLanguagePath = article.slugs[other] ? previewPath(other, article.id) : null;
  const related = await listRelatedArticles(article.id, article.tags.map((tag) => tag.id), locale);
  return <ArticlePage article={article} related={related} preview={{ otherLanguagePath }} />;
}
