import { getTranslations } from 'next-intl/server';
import { otherLocale, type Locale } from '@/i18n/routing';
import type { ArticlePage } from '@/lib/queries/articles';
import type { TagView } from '@/lib/queries/tags';
import { tagPath } from '@/lib/paths';
import { PageShell } from '@/components/layout/PageShell';
import { ArticleList } from '@/components/listing/ArticleList';
import { Pagination } from '@/components/listing/Pagination';

/** One page of the articles with a tag. */
export async function TagPage({ locale, tag, articles }: { locale: Locale; tag: TagView; articles: ArticlePage }) {
  const t = await getTranslations({ locale, namespace: 'Tag' });
  const otherSlug = tag.slugs[otherLocale(locale)];
  return (
    <PageShell locale={locale} otherLanguagePath={otherSlug ? tagPath(otherLocale(locale), otherSlug) : null}>
      <h1 className="font-serif text-3xl font-bold">{t('heading', { name: tag.name })}</h1>
      <p className="mt-2 text-muted">{t('count', { count: articles.total })}</p>
      {/* The teasers' titles are h3, as on the home page, so the outline needs this level in between. */}
      <h2 className="sr-only">{t('articles')}</h2>
      {articles.items.length === 0 ? <p className="mt-6">{t('empty')}</p> : <ArticleList locale={locale} articles={articles.items} />}
      <Pagination locale={locale} page={articles.page} pages={articles.pages} pathForPage={(p) => tagPath(locale, tag.slug, p)} />
    </PageShell>
  );
}
