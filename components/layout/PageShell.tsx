import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import { SiteHeader } from '@/components/layout/SiteHeader';
import { SiteFooter } from '@/components/layout/SiteFooter';

/**
 * The frame of every page. It lives in each page rather than in the layout
 * because the language switch depends on the page (an article's translation).
 */
export async function PageShell({
  locale,
  otherLanguagePath,
  children,
}: {
  locale: Locale;
  otherLanguagePath: string | null;
  children: ReactNode;
}) {
  const t = await getTranslations({ locale, namespace: 'Footer' });
  return (
    <>
      <SiteHeader locale={locale} otherLanguagePath={otherLanguagePath} />
      <main id="content" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-8 focus:outline-none">
        {children}
        <p className="mt-10 print:hidden">
          <a href="#top" className="text-sm font-semibold">
            {t('backToTop')}
          </a>
        </p>
      </main>
      <SiteFooter locale={locale} />
    </>
  );
}
