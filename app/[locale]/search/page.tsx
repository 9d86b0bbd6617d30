import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { isLocale } from '@/i18n/routing';
import { parseSearchParams } from '@/lib/search-params';
import { alternatesMetadata, pathsInEveryLocale } from '@/lib/alternates';
import { searchPath } from '@/lib/paths';
import { listArticleYears, searchArticles } from '@/lib/queries/search';
import { listTags } from '@/lib/queries/tags';
import { SearchPage } from '@/components/pages/SearchPage';

// Every search is answered from the database; result pages are not cached.
export const dynamic = 'force-dynamic';

type Props = PageProps<'/[locale]/search'>;

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ locale }, query] = await Promise.all([params, searchParams]);
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: 'Search' });
  const { text } = parseSearchParams(query).query;
  return {
    title: text ? t('titleWithQuery', { query: text }) : t('title'),
    // Result lists change all the time; search engines should index the articles instead.
    robots: { index: false, follow: true },
    alternates: alternatesMetadata(locale, pathsInEveryLocale(searchPath)),
  };
}

export default async function Page({ params, searchParams }: Props) {
  const [{ locale }, query] = await Promise.all([params, searchParams]);
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  const request = parseSearchParams(query);
  const q = request.query.text;
  const [tags, years, result] = await Promise.all([
    listTags(locale),
    listArticleYears(locale),
    q ? searchArticles(locale, q, { tagSlug: request.tag, type: request.articleType, year: request.year }, request.page) : null,
  ]);
  return <SearchPage locale={locale} request={request} result={result} tags={tags} years={years} />;
}
