import type { Locale } from '@/i18n/routing';
import type { ArticleSummary } from '@/lib/queries/articles';
import { articlePath } from '@/lib/paths';
import { ArticleMeta } from '@/components/article/ArticleMeta';
import { ResponsiveImage } from '@/components/article/LeadImage';

export function ArticleCard({ locale, article, eager }: { locale: Locale; article: ArticleSummary; eager: boolean }) {
  return (
    <article className="grid gap-4 border-b border-line py-6 sm:grid-cols-[16rem_1fr]">
      {article.image ? (
        // The title link names the article; the picture beside it adds nothing for screen readers.
        <ResponsiveImage
          image={{ ...article.image, alt: '' }}
          sizes="(min-width: 40rem) 16rem, 100vw"
          priority={eager}
          className="h-auto w-full rounded bg-panel"
        />
      ) : (
        <div className="hidden sm:block" />
      )}
      <div>
        <ArticleMeta locale={locale} type={article.type} publishedAt={article.publishedAt} />
        <h3 className="mt-1 font-serif text-xl font-bold">
          <a href={articlePath(locale, article.slug)}>{article.title}</a>
        </h3>
        <p className="mt-2">{article.lead}</p>
      </div>
    </article>
  );
}
