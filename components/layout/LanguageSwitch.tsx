import { getTranslations } from 'next-intl/server';
import { otherLocale, type Locale } from '@/i18n/routing';
import { homePath, withLanguageChoice } from '@/lib/paths';

/**
 * Leads to this page in the other language. Where the page has no
 * translation, it says so and offers the other language's home page instead
 * of a link that would end in a 404.
 */
export async function LanguageSwitch({ locale, otherPath }: { locale: Locale; otherPath: string | null }) {
  const t = await getTranslations({ locale, namespace: 'LanguageSwitch' });
  const target = otherLocale(locale);
  if (otherPath) {
    return (
      <a
        href={withLanguageChoice(otherPath)}
        hrefLang={target}
        lang={target}
        title={t('switchToLong')}
        className="rounded border border-line px-3 py-1 font-semibold no-underline hover:bg-panel"
        data-testid="language-switch"
      >
        {t('switchTo')}
      </a>
    );
  }
  return (
    <p className="text-sm text-muted" data-testid="language-switch-missing">
      {t('missingTranslation')}{' '}
      <a href={withLanguageChoice(homePath(target))} hrefLang={target} className="font-semibold">
        {t('otherHome')}
      </a>
    </p>
  );
}
