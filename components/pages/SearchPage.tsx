import { getTranslations } from 'next-intl/server';
import { otherLocale, type Locale } from '@/i18n/routing';
import { listArticleYears, searchArticles } from '@/lib/queries/search';
import { listTags } from '@/lib/queries/tags';
import { MAX_QUERY_LENGTH } from '@/lib/search-query';
import { searchPath } from '@/lib/paths';
import { searchHref, type SearchRequest } from '@/lib/search-params';
import { PageShell } from '@/components/layout/PageShell';
import { Pagination } from '@/components/listing/Pagination';
import { SearchForm } from '@/components/search/SearchForm';
import { SearchResults } from '@/components/search/SearchResults';

export async function SearchPage({ locale, request }: { locale: Locale; request: SearchRequest }) {
  const [t, tags, years] = await Promise.all([getTranslations({ locale, namespace: 'Search' }), listTags(locale), listArticleYears(locale)]);
  const base = searchPath(locale);
  const q = request.query.text;
  const filtered = Boolean(request.tag || request.type || request.year);
  const result = q
    ? await searchArticles(locale, q, { tagSlug: request.tag, type: request.articleType, year: request.year }, request.page)
    : null;
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
