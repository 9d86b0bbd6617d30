import type { Metadata } from 'next';
import { setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { isLocale } from '@/i18n/routing';
import { loadTagForUrl } from '@/lib/queries/tag-by-slug';
import { TagPage } from '@/components/pages/TagPage';
import { tagMetadata } from '@/components/pages/tag-metadata';

export const revalidate = 300; // safety net; writes revalidate on demand (lib/cache-tags.ts)

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/[locale]/tag/[slug]'>): Promise<Metadata> {
  const { locale, slug } = await params;
  return isLocale(locale) ? tagMetadata(locale, slug, 1) : {};
}

export default async function Page({ params }: PageProps<'/[locale]/tag/[slug]'>) {
  const { locale, slug } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  return <TagPage locale={locale} tag={await loadTagForUrl(locale, slug)} page={1} />;
}
