import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import type { SearchHit } from '@/lib/queries/search';
import { articlePath } from '@/lib/paths';
import { ArticleMeta } from '@/components/article/ArticleMeta';

/** Hits with their matching words marked; the snippet is plain text split around the marks. */
export async function SearchResults({ locale, hits }: { locale: Locale; hits: SearchHit[] }) {
  const t = await getTranslations({ locale, namespace: 'Search' });
  return (
    <section aria-labelledby="search-results" className="mt-4">
      <h2 id="search-results" className="sr-only">
        {t('resultsHeading')}
      </h2>
      <ol>
        {hits.map((hit) => (
          <li key={hit.id} className="border-b border-line py-5">
            <ArticleMeta locale={locale} type={hit.type} publishedAt={hit.publishedAt} />
            <h3 className="mt-1 font-serif text-xl font-bold">
              <a href={articlePath(locale, hit.slug)}>{hit.title}</a>
            </h3>
            <p className="mt-2">
              {/* Plain parts stay text: every element is rendered twice (page and hydration payload). */}
              {hit.snippet.map((part, index) =>
                part.highlighted ? (
                  <mark key={index} className="rounded-sm bg-panel px-0.5 font-semibold text-ink underline decoration-2">
                    {part.text}
                  </mark>
                ) : (
                  part.text
                ),
              )}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
