import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import type { TagWithCount } from '@/lib/queries/tags';
import { SEARCH_TYPE_NAMES, type SearchRequest } from '@/lib/search-params';
import { articleTypeByName } from '@/lib/content/article-input';

const field = 'mt-1 block w-full rounded border border-muted bg-page px-3 py-2 text-ink';

/** An ordinary GET form: works without JavaScript and every search has a shareable URL. */
export async function SearchForm({
  locale,
  action,
  request,
  tags,
  years,
}: {
  locale: Locale;
  action: string;
  request: SearchRequest;
  tags: TagWithCount[];
  years: number[];
}) {
  const t = await getTranslations({ locale, namespace: 'Search' });
  const types = await getTranslations({ locale, namespace: 'ArticleType' });
  return (
    <form action={action} method="get" role="search" aria-label={t('heading')} className="mt-6 space-y-4">
      <div>
        <label htmlFor="search-q" className="font-semibold">
          {t('label')}
        </label>
        <div className="mt-1 flex flex-wrap gap-2">
          <input
            id="search-q"
            name="q"
            type="search"
            defaultValue={request.query.text}
            maxLength={400}
            className="min-w-0 flex-1 rounded border border-muted bg-page px-3 py-2 text-ink"
          />
          <button type="submit" className="rounded bg-accent px-5 py-2 font-semibold text-accent-ink">
            {t('submit')}
          </button>
        </div>
      </div>
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 font-semibold">{t('filters')}</legend>
        <label className="block">
          {t('tag')}
          <select name="tag" defaultValue={request.tag ?? ''} className={field}>
            <option value="">{t('any')}</option>
            {tags.map((tag) => (
              <option key={tag.id} value={tag.slug}>
                {tag.name}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          {t('type')}
          <select name="type" defaultValue={request.type ?? ''} className={field}>
            <option value="">{t('any')}</option>
            {SEARCH_TYPE_NAMES.map((name) => (
              <option key={name} value={name}>
                {types(articleTypeByName[name])}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          {t('year')}
          <select name="year" defaultValue={request.year ? String(request.year) : ''} className={field}>
            <option value="">{t('any')}</option>
            {years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
    </form>
  );
}
