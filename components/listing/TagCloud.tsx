import type { Locale } from '@/i18n/routing';
import type { TagWithCount } from '@/lib/queries/tags';
import { tagPath } from '@/lib/paths';

export function TagCloud({ locale, tags, heading }: { locale: Locale; tags: TagWithCount[]; heading: string }) {
  if (tags.length === 0) return null;
  return (
    <section aria-labelledby="schlagworte" className="mt-12">
      <h2 id="schlagworte" className="font-serif text-2xl font-bold">
        {heading}
      </h2>
      <ul className="mt-4 flex flex-wrap gap-2">
        {tags.map((tag) => (
          <li key={tag.id}>
            <a href={tagPath(locale, tag.slug)} className="inline-block rounded-full border border-line px-3 py-1 no-underline hover:bg-panel">
              {tag.name} <span className="text-muted">({tag.articleCount})</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
