import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { isLocale } from '@/i18n/routing';
import { alternatesMetadata } from '@/lib/alternates';
import { feedAlternateTypes, latestFeedChannel } from '@/lib/feeds/channels';
import { homePath } from '@/lib/paths';
import { HomePage } from '@/components/pages/HomePage';

export const revalidate = 300; // safety net; writes revalidate on demand (lib/cache-tags.ts)

export async function generateMetadata({ params }: PageProps<'/[locale]'>): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const [t, feed] = await Promise.all([getTranslations({ locale, namespace: 'Metadata' }), latestFeedChannel(locale)]);
  return {
    title: { absolute: t('homeTitle') },
    description: t('homeDescription'),
    alternates: {
      ...alternatesMetadata(locale, { de: homePath('de'), en: homePath('en') }),
      types: feedAlternateTypes(feed),
    },
  };
}

export default async function Page({ params }: PageProps<'/[locale]'>) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  return <HomePage locale={locale} page={1} />;
}
