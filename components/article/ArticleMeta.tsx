import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import type { ArticleType } from '@/lib/generated/prisma/enums';
import { formatArticleDate } from '@/lib/format-date';

/** "04.06.2020 – Artikel", and "Aktualisiert am …" once it was changed after publication. */
export async function ArticleMeta({
  locale,
  type,
  publishedAt,
  updatedAt,
}: {
  locale: Locale;
  type: ArticleType;
  publishedAt: string;
  updatedAt?: string;
}) {
  const t = await getTranslations({ locale, namespace: 'Article' });
  const typeLabels = await getTranslations({ locale, namespace: 'ArticleType' });
  // A new article's updatedAt equals its publishedAt (lib/content/save-article.ts).
  const showUpdated = updatedAt !== undefined && new Date(updatedAt) > new Date(publishedAt);
  return (
    <p className="text-sm text-muted">
      {t.rich('published', {
        date: formatArticleDate(locale, publishedAt),
        type: typeLabels(type),
        time: (chunks) => <time dateTime={publishedAt}>{chunks}</time>,
      })}
      {showUpdated && (
        <>
          {' · '}
          {t.rich('updated', {
            date: formatArticleDate(locale, updatedAt),
            time: (chunks) => <time dateTime={updatedAt}>{chunks}</time>,
          })}
        </>
      )}
    </p>
  );
}
