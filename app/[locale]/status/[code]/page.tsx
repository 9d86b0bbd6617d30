import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { setRequestLocale } from 'next-intl/server';
import { routing, isLocale } from '@/i18n/routing';
import { STATUS_PAGE_KINDS, statusPageMetadata } from '@/lib/status-pages';
import { StatusPage } from '@/components/pages/StatusPage';

// Built once at build time, so they can be shown while the database is down.
export const dynamicParams = false;

export function generateStaticParams() {
  return routing.locales.flatMap((locale) => Object.keys(STATUS_PAGE_KINDS).map((code) => ({ locale, code })));
}

export async function generateMetadata({ params }: PageProps<'/[locale]/status/[code]'>): Promise<Metadata> {
  const { locale, code } = await params;
  const kind = STATUS_PAGE_KINDS[code];
  return isLocale(locale) && kind ? statusPageMetadata(locale, kind) : {};
}

export default async function Page({ params }: PageProps<'/[locale]/status/[code]'>) {
  const { locale, code } = await params;
  const kind = STATUS_PAGE_KINDS[code];
  if (!isLocale(locale) || !kind) notFound();
  setRequestLocale(locale);
  return <StatusPage locale={locale} kind={kind} />;
}
