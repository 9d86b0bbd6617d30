import { getTranslations } from 'next-intl/server';
import { otherLocale, type Locale } from '@/i18n/routing';
import type { SearchResult } from '@/lib/queries/search';
import type { TagWithCount } from '@/lib/queries/tags';
import { MAX_QUERY_LENGTH } from '@/lib/search-query';
import { searchPath } from '@/lib/paths';
import { searchHref, type SearchRequest } from '@/lib/search-params';
import { PageShell } from '@/components/layout/PageShell';
import { Pagination } from '@/components/listing/Pagination';
import { SearchForm } from '@/components/search/SearchForm';
import { SearchResults } from '@/components/search/SearchResults';

type SearchPageProps = {
  locale: Locale;
  request: SearchRequest;
  /** Null when no search words were given. */
  result: SearchResult | null;
  tags: TagWithCount[];
  years: number[];
};

export async function SearchPage({ locale, request, result, tags, years }: SearchPageProps) {
  const t = await getTranslations({ locale, namespace: 'Search' });
  const base = searchPath(locale);
  const q = request.query.text;
  const filtered = Boolean(request.tag || request.type || request.year);
  return (
    <PageShell locale={locale} otherLanguagePath={searchHref(searchPath(otherLocale(locale)), { q })}>
      <h1 className="font-serif text-3xl font-bold">{t('heading')}</h1>
      <SearchForm locale={locale} action={base} request={request} tags={tags} years={years} />
      <div role="status" className="mt-8">
        {request.query.truncated && <p className="mb-2">{t('truncated', { max: MAX_QUERY_LENGTH })}</p>}
        {!result && <p>{t('emptyQuery')}</p>}
        {result && result.total > 0 && <p className="font-semibold">{t('results', { count: result.total, query: q })}</p>}
        {result && result.total === 0 && (
          <>
            <p className="font-semibold">{t('noResults', { query: q })}</p>
            <p className="mt-2">{t('noResultsHint')}</p>
            {filtered && (
              <p className="mt-2">
                <a href={searchHref(base, { q })}>{t('removeFilters')}</a>
              </p>
            )}
          </>
        )}
      </div>
      {result && result.hits.length > 0 && (
        <>
          <SearchResults locale={locale} hits={result.hits} />
          <Pagination
            locale={locale}
            page={result.page}
            pages={result.pages}
            pathForPage={(page) => searchHref(base, { q, tag: request.tag, type: request.type, year: request.year, page })}
          />
        </>
      )}
    </PageShell>
  );
}
