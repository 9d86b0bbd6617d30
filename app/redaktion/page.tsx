import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { OverviewFilterForm } from '@/components/desk/overview/OverviewFilterForm';
import { OverviewPagination } from '@/components/desk/overview/OverviewPagination';
import { OverviewTable } from '@/components/desk/overview/OverviewTable';
import { deskPaths } from '@/i18n/desk-paths';
import { db } from '@/lib/db';
import { deskEditorUser } from '@/lib/desk/editor/desk-editor-user';
import { readPickableTags } from '@/lib/desk/editor/editor-reads';
import { DESK_LANGUAGE_FILTERS, DESK_STATUSES, listDeskArticles, parseDeskFilters } from '@/lib/queries/desk-articles';

export async function generateMetadata(): Promise<Metadata> {
  const user = await deskEditorUser();
  const t = await getTranslations({ locale: user.locale, namespace: 'DeskOverview' });
  return { title: t('title') };
}

function searchParamsOf(params: Record<string, string | string[] | undefined>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) for (const one of [value ?? []].flat()) query.append(name, one);
  return query;
}

export default async function DeskOverviewPage({ searchParams }: PageProps<'/redaktion'>) {
  const user = await deskEditorUser();
  const t = await getTranslations({ locale: user.locale, namespace: 'DeskOverview' });
  const parsed = parseDeskFilters(searchParamsOf(await searchParams));
  // A hand-edited address with a filter value the desk does not know: say so and list everything.
  const filters = parsed.ok ? parsed.filters : {};
  const [listing, tags] = await Promise.all([listDeskArticles(db(), filters), readPickableTags(user.locale)]);
  return (
    <>
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="font-serif text-3xl font-bold">{t('title')}</h1>
        <a href={deskPaths.newArticle} className="rounded border-2 border-accent bg-accent px-4 py-2 font-semibold text-accent-ink">{t('newArticle')}</a>
      </div>
      {!parsed.ok && (
        <p role="alert" className="mb-4 rounded border-4 border-focus p-4">{t('badFilter', { names: parsed.problems.map((p) => p.path).join(', ') })}</p>
      )}
      <OverviewFilterForm locale={user.locale} filters={filters} tags={tags} statuses={DESK_STATUSES} languageFilters={DESK_LANGUAGE_FILTERS} />
      <OverviewTable locale={user.locale} rows={listing.rows} total={listing.total} tagNames={Object.fromEntries(tags.map((tag) => [tag.key, tag.name]))} />
      <OverviewPagination locale={user.locale} filters={{ ...filters, page: listing.page }} pageCount={listing.pageCount} />
    </>
  );
}
