import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { isLocale } from '@/i18n/routing';
import { parseSearchParams } from '@/lib/search-params';
import { alternatesMetadata } from '@/lib/alternates';
import { searchPath } from '@/lib/paths';
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
    alternates: alternatesMetadata(locale, { de: searchPath('de'), en: searchPath('en') }),
  };
}

export default async function Page({ params, searchParams }: Props) {
  const [{ locale }, query] = await Promise.all([params, searchParams]);
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  return <SearchPage locale={locale} request={parseSearchParams(query)} />;
}
