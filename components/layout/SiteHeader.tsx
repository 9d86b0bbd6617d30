import { getTranslations } from 'next-intl/server';
import { EASY_LANGUAGE_LOCALE, type Locale } from '@/i18n/routing';
import { homePath, infoPagePath, searchPath, speechesPath } from '@/lib/paths';
import { siteTexts } from '@/lib/site-identity';
import { LanguageSwitch } from '@/components/layout/LanguageSwitch';

export async function SiteHeader({ locale, otherLanguagePath }: { locale: Locale; otherLanguagePath: string | null }) {
  const t = await getTranslations({ locale, namespace: 'Header' });
  const search = await getTranslations({ locale, namespace: 'Search' });
  const speeches = await getTranslations({ locale, namespace: 'Speeches' });
  const home = homePath(locale);
  return (
    <header className="border-b-4 border-accent">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-4">
        <a href={home} className="text-ink no-underline">
          <span className="block font-serif text-xl font-bold sm:text-2xl">{siteTexts(locale).shortName}</span>
          <span className="block text-sm text-muted">{t('siteTagline')}</span>
        </a>
        <div className="flex flex-wrap items-center gap-4 print:hidden">
          {/* Easy German is offered like a language, from every page. */}
          <a href={infoPagePath(EASY_LANGUAGE_LOCALE, 'easy-language')} lang={EASY_LANGUAGE_LOCALE} hrefLang={EASY_LANGUAGE_LOCALE} className="font-semibold">
            {t('easyLanguage')}
          </a>
          <LanguageSwitch locale={locale} otherPath={otherLanguagePath} />
        </div>
      </div>
      <nav aria-label={t('mainNavigation')} className="bg-panel print:hidden">
        <ul className="mx-auto flex max-w-5xl flex-wrap gap-x-6 gap-y-1 px-4 py-2">
          <li>
            <a href={home} className="font-semibold">
              {t('news')}
            </a>
          </li>
          <li>
            <a href={speechesPath(locale)} className="font-semibold">
              {speeches('nav')}
            </a>
          </li>
          <li>
            <a href={`${home}#schlagworte`} className="font-semibold">
              {t('topics')}
            </a>
          </li>
          <li className="ml-auto">
            <form action={searchPath(locale)} method="get" role="search" aria-label={search('headerLabel')} className="flex gap-1">
              <label htmlFor="header-search" className="sr-only">
                {search('headerLabel')}
              </label>
              <input id="header-search" name="q" type="search" maxLength={400} className="w-36 rounded border border-muted bg-page px-2 py-1 text-ink sm:w-48" />
              <button type="submit" className="rounded bg-accent px-3 py-1 font-semibold text-accent-ink">
                {search('headerSubmit')}
              </button>
            </form>
          </li>
        </ul>
      </nav>
    </header>
  );
}
