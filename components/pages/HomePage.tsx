import { getTranslations } from 'next-intl/server';
import { otherLocale, type Locale } from '@/i18n/routing';
import type { ArticlePage } from '@/lib/queries/articles';
import type { TagWithCount } from '@/lib/queries/tags';
import { homePath } from '@/lib/paths';
import { PageShell } from '@/components/layout/PageShell';
import { ArticleList } from '@/components/listing/ArticleList';
import { Pagination } from '@/components/listing/Pagination';
import { TagCloud } from '@/components/listing/TagCloud';

/** The newest articles in a language, one page of them, and the tags. */
export async function HomePage({ locale, latest, tags }: { locale: Locale; latest: ArticlePage; tags: TagWithCount[] }) {
  const t = await getTranslations({ locale, namespace: 'Home' });
  return (
    <PageShell locale={locale} otherLanguagePath={homePath(otherLocale(locale))}>
      <h1 className="font-serif text-3xl font-bold">{t('heading')}</h1>
      <section aria-labelledby="latest" className="mt-6">
        <h2 id="latest" className="sr-only">
          {t('latest')}
        </h2>
        {latest.items.length === 0 ? <p>{t('empty')}</p> : <ArticleList locale={locale} articles={latest.items} />}
        <Pagination locale={locale} page={latest.page} pages={latest.pages} pathForPage={(p) => homePath(locale, p)} />
      </section>
      <TagCloud locale={locale} tags={tags} heading={t('tags')} />
    </PageShell>
  );
}
