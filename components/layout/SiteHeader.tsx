import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import { homePath } from '@/lib/paths';
import { LanguageSwitch } from '@/components/layout/LanguageSwitch';

export async function SiteHeader({ locale, otherLanguagePath }: { locale: Locale; otherLanguagePath: string | null }) {
  const t = await getTranslations({ locale, namespace: 'Header' });
  const home = homePath(locale);
  return (
    <header className="border-b-4 border-accent">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-4">
        <a href={home} className="text-ink no-underline" aria-label={t('homeLink')}>
          <span className="block font-serif text-xl font-bold sm:text-2xl">{t('siteName')}</span>
          <span className="block text-sm text-muted">{t('siteTagline')}</span>
        </a>
        <LanguageSwitch locale={locale} otherPath={otherLanguagePath} />
      </div>
      <nav aria-label={t('mainNavigation')} className="bg-panel">
        <ul className="mx-auto flex max-w-5xl flex-wrap gap-x-6 gap-y-1 px-4 py-2">
          <li>
            <a href={home} className="font-semibold">
              {t('news')}
            </a>
          </li>
          <li>
            <a href={`${home}#schlagworte`} className="font-semibold">
              {t('topics')}
            </a>
          </li>
        </ul>
      </nav>
    </header>
  );
}
