import { getLocale } from 'next-intl/server';
import { routing, isLocale } from '@/i18n/routing';
import { StatusPage } from '@/components/pages/StatusPage';

export default async function NotFound() {
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : routing.defaultLocale;
  return <StatusPage locale={locale} kind="not-found" />;
}
