import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { listingMetadata } from '@/lib/alternates';
import { tagFeedChannel } from '@/lib/feeds/channels';
import { listingAddress } from '@/lib/page-param';
import { tagPath } from '@/lib/paths';
import { listLatestArticles } from '@/lib/queries/articles';
import { loadTagForUrl } from '@/lib/queries/tag-by-slug';
import { TagPage } from '@/components/pages/TagPage';

// A tag's listing and its numbered pages, in one route.

export const revalidate = 300; // safety net; writes revalidate on demand (lib/cache-tags.ts)

export function generateStaticParams() {
  return [];
}

type Props = PageProps<'/[locale]/tag/[slug]/[[...page]]'>;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, ...rest } = await params;
  const address = listingAddress(rest);
  if (!address) return {};
  const { locale, page } = address;
  const tag = await loadTagForUrl(locale, slug);
  if (!tag) return {};
  const [t, feed] = await Promise.all([getTranslations({ locale, namespace: 'Metadata' }), tagFeedChannel(locale, tag)]);
  return listingMetadata(address, {
    title: page > 1 ? t('tagTitlePaged', { name: tag.name, page }) : t('tagTitle', { name: tag.name }),
    description: t('tagDescription', { name: tag.name }),
    // A language without a translation of the tag has no page of it.
    pathIn: (lang) => {
      const langSlug = tag.slugs[lang];
      return langSlug ? tagPath(lang, langSlug, page) : undefined;
    },
    feed,
  });
}

export default async function Page({ params }: Props) {
  const { slug, ...rest } = await params;
  const address = listingAddress(rest);
  if (!address) notFound();
  const { locale, page } = address;
  setRequestLocale(locale);
  const tag = await loadTagForUrl(locale, slug);
  if (!tag) notFound();
  const articles = await listLatestArticles(locale, page, { tagId: tag.id });
  if (!articles) notFound();
  return <TagPage locale={locale} tag={tag} articles={articles} />;
}
