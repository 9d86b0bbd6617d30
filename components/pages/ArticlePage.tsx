import { getTranslations } from 'next-intl/server';
import { otherLocale } from '@/i18n/routing';
import { listRelatedArticles, type ArticleView } from '@/lib/queries/articles';
import { articlePath } from '@/lib/paths';
import { PageShell } from '@/components/layout/PageShell';
import { ArticleMeta } from '@/components/article/ArticleMeta';
import { ArticleBody } from '@/components/article/ArticleBody';
import { LeadImage } from '@/components/article/LeadImage';
import { TagList } from '@/components/article/TagList';
import { ArticleList } from '@/components/listing/ArticleList';

/**
 * An article as readers see it. A preview passes its own language-switch
 * target (the signed preview of the other language) and gets a banner.
 */
export async function ArticlePage({ article, preview }: { article: ArticleView; preview?: { otherLanguagePath: string | null } }) {
  const { locale } = article;
  const [t, related] = await Promise.all([
    getTranslations({ locale, namespace: 'Article' }),
    listRelatedArticles(article.id, article.tags.map((tag) => tag.id), locale),
  ]);
  const otherSlug = article.slugs[otherLocale(locale)];
  const otherLanguagePath = preview ? preview.otherLanguagePath : otherSlug ? articlePath(otherLocale(locale), otherSlug) : null;
  return (
    <PageShell locale={locale} otherLanguagePath={otherLanguagePath}>
      {preview && (
        <p role="status" className="mb-6 rounded border-2 border-focus bg-panel px-4 py-3 font-semibold">
          {t('previewBanner')}
        </p>
      )}
      <article>
        <header className="mb-6">
          <ArticleMeta locale={locale} type={article.type} publishedAt={article.publishedAt} updatedAt={article.updatedAt} />
          <h1 className="mt-2 font-serif text-3xl font-bold leading-tight sm:text-4xl">{article.title}</h1>
        </header>
        {article.image && (
          <LeadImage
            image={article.image}
            creditLabel={article.image.credit ? t('imageCredit', { credit: article.image.credit }) : null}
          />
        )}
        <p className="mb-6 text-xl font-semibold leading-relaxed">{article.lead}</p>
        <ArticleBody body={article.body} quoteLabel={(speaker) => t('quoteBy', { speaker })} />
        <TagList locale={locale} tags={article.tags} heading={t('tags')} />
      </article>
      {related.length > 0 && (
        <section aria-labelledby="related" className="mt-10">
          <h2 id="related" className="font-serif text-2xl font-bold">
            {t('related')}
          </h2>
          <ArticleList locale={locale} articles={related} />
        </section>
      )}
    </PageShell>
  );
}
