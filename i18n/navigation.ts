import { routing, type Locale } from '@/i18n/routing';

/*
 * The public path of a page in one language, from the localized pathnames
 * in routing.ts. Our own few lines instead of next-intl's createNavigation():
 * that module carries next-intl's client Link, and importing it anywhere a
 * page reaches put next-intl's client runtime and message formatter
 * (≈ 13 KB compressed) into every page's JavaScript.
 */

export type InternalPathname = keyof typeof routing.pathnames;

export function getPathname(
  locale: Locale,
  pathname: InternalPathname,
  params: Record<string, string> = {},
): string {
  const localized = routing.pathnames[pathname];
  const template = typeof localized === 'string' ? localized : localized[locale];
  const path = template.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`getPathname: no value for [${name}] in ${pathname}`);
    return encodeURIComponent(value);
  });
  return path === '/' ? `/${locale}` : `/${locale}${path}`;
}
