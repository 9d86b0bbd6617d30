import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { isLocale } from '@/i18n/routing';
import { alternatesMetadata } from '@/lib/alternates';
import { feedAlternateTypes, latestFeedChannel } from '@/lib/feeds/channels';
import { parsePageParam } from '@/lib/page-param';
import { homePath } from '@/lib/paths';
import { HomePage } from '@/components/pages/HomePage';

// Readers see `/de?page=2`; proxy.ts rewrites it here so each page is cached on its own.
export const revalidate = 300;

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/[locale]/page/[page]'>): Promise<Metadata> {
  const { locale, page: pageParam } = await params;
  const page = parsePageParam(pageParam);
  if (!isLocale(locale) || page === null) return {};
  const [t, feed] = await Promise.all([getTranslations({ locale, namespace: 'Metadata' }), latestFeedChannel(locale)]);
  return {
    title: { absolute: t('homeTitlePaged', { page }) },
    description: t('homeDescription'),
    alternates: {
      ...alternatesMetadata(locale, { [locale]: homePath(locale, page) }),
      types: feedAlternateTypes(feed),
    },
  };
}

export default async function Page({ params }: PageProps<'/[locale]/page/[page]'>) {
  const { locale, page: pageParam } = await params;
  const page = parsePageParam(pageParam);
  if (!isLocale(locale) || page === null) notFound();
  setRequestLocale(locale);
  return <HomePage locale={locale} page={page} />;
}
