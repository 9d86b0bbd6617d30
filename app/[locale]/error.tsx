'use client';

import { useErrorTexts } from '@/components/layout/ErrorTexts';

/**
 * Shown when a page cannot be rendered (for example while the database is
 * unreachable and the page is not cached yet). Shows no technical details,
 * only a reference that matches the server log. Plain links, so it works
 * without JavaScript too.
 */
export default function ErrorPage({ error }: { error: unknown }) {
  const texts = useErrorTexts();
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : null;
  return (
    <main id="content" className="mx-auto max-w-5xl px-4 py-12">
      <h1 className="font-serif text-3xl font-bold">{texts.heading}</h1>
      <p className="mt-4">{texts.text}</p>
      {digest && <p className="mt-2 text-sm text-muted">{texts.reference.replace('{digest}', digest)}</p>}
      <p className="mt-6 flex flex-wrap gap-4">
        <a href="" className="rounded bg-accent px-4 py-2 font-semibold text-accent-ink no-underline">
          {texts.retry}
        </a>
        <a href={texts.homeHref} className="px-4 py-2 font-semibold">
          {texts.home}
        </a>
      </p>
    </main>
  );
}
