import { getTranslations } from 'next-intl/server';
import { deskPaths } from '@/i18n/desk-paths';
import type { Locale } from '@/i18n/routing';
import { articleTypeByName } from '@/lib/content/article-input';
import type { DeskFilters, DeskLanguageFilter, DeskStatus } from '@/lib/queries/desk-articles';
import { BUTTON, INPUT } from '@/components/desk/editor/field-styles';

type OverviewFilterFormProps = {
  locale: Locale;
  filters: DeskFilters;
  tags: { key: string; name: string }[];
  /** What the query can filter by (lib/queries/desk-articles.ts), handed down by the page. */
  statuses: readonly DeskStatus[];
  languageFilters: readonly DeskLanguageFilter[];
};

/** The overview's filters as a plain GET form: works, bookmarks and shares without JavaScript. */
export async function OverviewFilterForm({ locale, filters, tags, statuses, languageFilters }: OverviewFilterFormProps) {
  const t = await getTranslations({ locale, namespace: 'DeskOverview' });
  const select = (name: string, label: string, value: string | undefined, options: { value: string; label: string }[]) => (
    <div>
      <label htmlFor={`filter-${name}`} className="font-semibold">{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ''} className={INPUT}>
        <option value="">{t('any')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>{option.label}</option>
        ))}
      </select>
    </div>
  );
  const types = Object.keys(articleTypeByName) as (keyof typeof articleTypeByName)[];
  return (
    <form method="get" action={deskPaths.overview} role="search" aria-label={t('filtersLabel')} className="mb-6 grid gap-4 rounded border border-line bg-panel p-4 sm:grid-cols-2 lg:grid-cols-4">
      <div className="sm:col-span-2 lg:col-span-4">
        <label htmlFor="filter-q" className="font-semibold">{t('search')}</label>
        <input id="filter-q" name="q" type="search" defaultValue={filters.q ?? ''} className={INPUT} />
      </div>
      {select('status', t('column.status'), filters.status, statuses.map((value) => ({ value, label: t(`status.${value}`) })))}
      {select('type', t('column.type'), filters.type, types.map((value) => ({ value, label: t(`type.${value}`) })))}
      {select('tag', t('column.tags'), filters.tag, tags.map((tag) => ({ value: tag.key, label: tag.name })))}
      {select('language', t('column.languages'), filters.language, languageFilters.map((value) => ({ value, label: t(`languageFilter.${value}`) })))}
      <div className="flex items-end gap-4 sm:col-span-2 lg:col-span-4">
        <button type="submit" className={BUTTON}>{t('apply')}</button>
        <a href={deskPaths.overview} className="underline">{t('reset')}</a>
      </div>
    </form>
  );
}
