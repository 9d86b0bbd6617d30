import { getTranslations } from 'next-intl/server';
import { otherLocale } from '@/i18n/routing';
import type { ArticleSummary, ArticleView } from '@/lib/queries/articles';
import { absoluteUrl, articlePath } from '@/lib/paths';
import { PageShell } from '@/components/layout/PageShell';
import { ArticleMeta } from '@/components/article/ArticleMeta';
import { ArticleBody } from '@/components/article/ArticleBody';
import { CorrectionNote } from '@/components/article/CorrectionNote';
import { LeadImage } from '@/components/article/LeadImage';
import { TagList } from '@/components/article/TagList';
import { ArticleJsonLd } from '@/components/article/ArticleJsonLd';
import { ShareLinks } from '@/components/article/ShareLinks';
import { ArticleList } from '@/components/listing/ArticleList';

/**
 * An article as readers see it. A preview passes its own language-switch
 * target (the signed preview of the other language) and gets a banner.
 */
export async function ArticlePage({
  article,
  related,
  preview,
}: {
  article: ArticleView;
  related: ArticleSummary[];
  preview?: { otherLanguagePath: string | null };
}) {
  const { locale } = article;
  const [t, tShare] = await Promise.all([getTranslations({ locale, namespace: 'Article' }), getTranslations({ locale, namespace: 'Share' })]);
  const otherSlug = article.slugs[otherLocale(locale)];
  // A preview is not public yet, so it gets no structured data, sharing or printed address.
  const publicUrl = preview ? null : absoluteUrl(articlePath(locale, article.slug));
  const otherLanguagePath = preview ? preview.otherLanguagePath : otherSlug ? articlePath(otherLocale(locale), otherSlug) : null;
  return (
    <PageShell locale={locale} otherLanguagePath={otherLanguagePath}>
      {preview && (
        <p role="status" className="mb-6 rounded border-2 border-focus bg-panel px-4 py-3 font-semibold">
          {t('previewBanner')}
        </p>
      )}
      {publicUrl && <ArticleJsonLd article={article} url={publicUrl} />}
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
        <CorrectionNote locale={locale} correction={article.correction} />
        <p className="mb-6 text-xl font-semibold leading-relaxed">{article.lead}</p>
        <ArticleBody body={article.body} quoteLabel={(speaker) => t('quoteBy', { speaker })} />
        <TagList locale={locale} tags={article.tags} heading={t('tags')} />
        {publicUrl && <ShareLinks locale={locale} url={publicUrl} title={article.title} />}
        {publicUrl && (
          <p className="mt-8 hidden print:block" data-testid="print-address">
            {tShare('printAddress')}: {publicUrl}
          </p>
        )}
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
