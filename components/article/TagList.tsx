import type { Locale } from '@/i18n/routing';
import type { TagLink } from '@/lib/queries/articles';
import { tagPath } from '@/lib/paths';

export function TagList({ locale, tags, heading }: { locale: Locale; tags: TagLink[]; heading: string }) {
  if (tags.length === 0) return null;
  return (
    <section aria-labelledby="article-tags" className="mt-10 border-t border-line pt-6">
      <h2 id="article-tags" className="text-lg font-bold">
        {heading}
      </h2>
      <ul className="mt-3 flex flex-wrap gap-2">
        {tags.map((tag) => (
          <li key={tag.id}>
            <a href={tagPath(locale, tag.slug)} className="inline-block rounded-full border border-line px-3 py-1 no-underline hover:bg-panel">
              {tag.name}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
