import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { listingMetadata } from '@/lib/alternates';
import { latestFeedChannel } from '@/lib/feeds/channels';
import { listingAddress } from '@/lib/page-param';
import { homePath } from '@/lib/paths';
import { listLatestArticles } from '@/lib/queries/articles';
import { listTags } from '@/lib/queries/tags';
import { HomePage } from '@/components/pages/HomePage';

/*
 * The home listing and its numbered pages (i18n/routing.ts: '/page/[page]'), in one route.
 * Paths under a language that no other route claims land here too and get
 * the localized 404.
 */

export const revalidate = 300; // safety net; writes revalidate on demand (lib/cache-tags.ts)

export function generateStaticParams() {
  return [];
}

type Props = PageProps<'/[locale]/[[...page]]'>;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const address = listingAddress(await params);
  if (!address) return {};
  const { locale, page } = address;
  const [t, feed] = await Promise.all([getTranslations({ locale, namespace: 'Metadata' }), latestFeedChannel(locale)]);
  return listingMetadata(address, {
    title: { absolute: page === 1 ? t('homeTitle') : t('homeTitlePaged', { page }) },
    description: t('homeDescription'),
    pathIn: (lang) => homePath(lang, page),
    feed,
  });
}

export default async function Page({ params }: Props) {
  const address = listingAddress(await params);
  if (!address) notFound();
  const { locale, page } = address;
  setRequestLocale(locale);
  const [latest, tags] = await Promise.all([listLatestArticles(locale, page), listTags(locale)]);
  if (!latest) notFound();
  return <HomePage locale={locale} latest={latest} tags={tags} />;
}
