import type { Metadata } from 'next';
import { routing, type Locale } from '@/i18n/routing';
import { absoluteUrl } from '@/lib/paths';

/** The same page in each language, where it exists. */
export type PathsByLocale = Partial<Record<Locale, string>>;

/** Canonical and hreflang links naming only the language versions that exist. */
export function alternatesMetadata(locale: Locale, paths: PathsByLocale): Metadata['alternates'] {
  const languages: Record<string, string> = {};
  for (const candidate of routing.locales) {
    const path = paths[candidate];
    if (path) languages[candidate] = absoluteUrl(path);
  }
  const defaultPath = paths[routing.defaultLocale] ?? paths[locale];
  if (defaultPath && Object.keys(languages).length > 1) languages['x-default'] = absoluteUrl(defaultPath);
  const own = paths[locale];
  return { canonical: own ? absoluteUrl(own) : null, languages };
}

/** A page's path in every language, for pages that exist in all of them. */
export function pathsInEveryLocale(pathFor: (locale: Locale) => string): PathsByLocale {
  return Object.fromEntries(routing.locales.map((locale) => [locale, pathFor(locale)]));
}
