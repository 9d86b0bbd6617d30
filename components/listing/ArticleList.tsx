import type { Locale } from '@/i18n/routing';
import type { ArticleSummary } from '@/lib/queries/articles';
import { ArticleCard } from '@/components/listing/ArticleCard';

export function ArticleList({ locale, articles }: { locale: Locale; articles: ArticleSummary[] }) {
  return (
    <ul>
      {articles.map((article, index) => (
        <li key={article.id}>
          <ArticleCard locale={locale} article={article} eager={index === 0} />
        </li>
      ))}
    </ul>
  );
}
