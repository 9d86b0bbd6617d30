import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';

/** Previous/next links; `pathForPage` builds the shareable `?page=N` URL. */
export async function Pagination({
  locale,
  page,
  pages,
  pathForPage,
}: {
  locale: Locale;
  page: number;
  pages: number;
  pathForPage: (page: number) => string;
}) {
  if (pages <= 1) return null;
  const t = await getTranslations({ locale, namespace: 'Pagination' });
  const format = new Intl.NumberFormat(locale);
  return (
    <nav aria-label={t('label')} className="mt-8 flex flex-wrap items-center justify-between gap-4">
      {page > 1 ? (
        <a href={pathForPage(page - 1)} rel="prev" className="font-semibold">
          ← {t('previous')}
        </a>
      ) : (
        <span />
      )}
      <p aria-current="page">{t('status', { page: format.format(page), pages: format.format(pages) })}</p>
      {page < pages ? (
        <a href={pathForPage(page + 1)} rel="next" className="font-semibold">
          {t('next')} →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
