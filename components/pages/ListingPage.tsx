import type { Locale } from '@/i18n/routing';
import type { ArticlePage } from '@/lib/queries/articles';
import { PageShell } from '@/components/layout/PageShell';
import { ArticleList } from '@/components/listing/ArticleList';
import { Pagination } from '@/components/listing/Pagination';

type ListingPageProps = {
  locale: Locale;
  texts: { heading: string; intro: string; empty: string };
  articles: ArticlePage;
  pathForPage: (page: number) => string;
  otherLanguagePath: string | null;
};

/** One page of a listing of articles under a heading, such as the speeches. */
export function ListingPage({ locale, texts, articles, pathForPage, otherLanguagePath }: ListingPageProps) {
  return (
    <PageShell locale={locale} otherLanguagePath={otherLanguagePath}>
      <h1 className="font-serif text-3xl font-bold">{texts.heading}</h1>
      <p className="mt-2 text-muted">{texts.intro}</p>
      {articles.items.length === 0 ? <p className="mt-6">{texts.empty}</p> : <ArticleList locale={locale} articles={articles.items} />}
      <Pagination locale={locale} page={articles.page} pages={articles.pages} pathForPage={pathForPage} />
    </PageShell>
  );
}
