import type { Metadata } from 'next';
import { setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { isLocale } from '@/i18n/routing';
import { parsePageParam } from '@/lib/page-param';
import { loadTagForUrl } from '@/lib/queries/tag-by-slug';
import { TagPage } from '@/components/pages/TagPage';
import { tagMetadata } from '@/components/pages/tag-metadata';

// Readers see `/de/schlagwort/x?page=2`; proxy.ts rewrites it here so each page is cached on its own.
export const revalidate = 300;

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/[locale]/tag/[slug]/page/[page]'>): Promise<Metadata> {
  const { locale, slug, page: pageParam } = await params;
  const page = parsePageParam(pageParam);
  return isLocale(locale) && page !== null ? tagMetadata(locale, slug, page) : {};
}

export default async function Page({ params }: PageProps<'/[locale]/tag/[slug]/page/[page]'>) {
  const { locale, slug, page: pageParam } = await params;
  const page = parsePageParam(pageParam);
  if (!isLocale(locale) || page === null) notFound();
  setRequestLocale(locale);
  return <TagPage locale={locale} tag={await loadTagForUrl(locale, slug)} page={page} />;
}
