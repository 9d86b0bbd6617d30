import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import { overviewHref } from '@/lib/desk/editor/overview-href';
import type { DeskFilters } from '@/lib/queries/desk-articles';

export async function OverviewPagination({ locale, filters, pageCount }: { locale: Locale; filters: DeskFilters; pageCount: number }) {
  if (pageCount <= 1) return null;
  const t = await getTranslations({ locale, namespace: 'DeskOverview' });
  return (
    <nav aria-label={t('pagination')} className="mt-4 flex items-center gap-4">
      {(filters.page ?? 1) > 1 && <a href={overviewHref({ ...filters, page: (filters.page ?? 1) - 1 })} rel="prev" className="underline">{t('previous')}</a>}
      <span>{t('pageOf', { page: filters.page ?? 1, count: pageCount })}</span>
      {(filters.page ?? 1) < pageCount && <a href={overviewHref({ ...filters, page: (filters.page ?? 1) + 1 })} rel="next" className="underline">{t('next')}</a>}
    </nav>
  );
}
