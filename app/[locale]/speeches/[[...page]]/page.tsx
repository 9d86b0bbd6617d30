import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { otherLocale } from '@/i18n/routing';
import { listingMetadata } from '@/lib/alternates';
import { speechesFeedChannel } from '@/lib/feeds/channels';
import { listingAddress } from '@/lib/page-param';
import { speechesPath } from '@/lib/paths';
import { listLatestArticles } from '@/lib/queries/articles';
import { ListingPage } from '@/components/pages/ListingPage';

// The speeches, newest first, and their numbered pages, in one route.

export const revalidate = 300; // safety net; writes revalidate on demand (lib/cache-tags.ts)

export function generateStaticParams() {
  return [];
}

type Props = PageProps<'/[locale]/speeches/[[...page]]'>;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const address = listingAddress(await params);
  if (!address) return {};
  const { locale, page } = address;
  const [t, feed] = await Promise.all([getTranslations({ locale, namespace: 'Speeches' }), speechesFeedChannel(locale)]);
  return listingMetadata(address, {
    title: page === 1 ? t('title') : t('titlePaged', { page }),
    description: t('description'),
    pathIn: (lang) => speechesPath(lang, page),
    feed,
  });
}

export default async function Page({ params }: Props) {
  const address = listingAddress(await params);
  if (!address) notFound();
  const { locale, page } = address;
  setRequestLocale(locale);
  const [speeches, t] = await Promise.all([listLatestArticles(locale, page, { type: 'SPEECH' }), getTranslations({ locale, namespace: 'Speeches' })]);
  if (!speeches) notFound();
  return (
    <ListingPage
      locale={locale}
      texts={{ heading: t('heading'), intro: t('intro'), empty: t('empty') }}
      articles={speeches}
      pathForPage={(p) => speechesPath(locale, p)}
      otherLanguagePath={speechesPath(otherLocale(locale))}
    />
  );
}
