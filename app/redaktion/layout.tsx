import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { DeskHeader } from '@/components/desk/shell/DeskHeader';
import { getDeskLocale, getDeskUser } from '@/lib/desk/session';
import { siteTexts } from '@/lib/site-identity';
import { signOut } from './abmelden/actions';
import { switchDeskLanguage } from './language-action';
import '../globals.css';

/*
 * The editors' desk has a root layout of its own: its language is the
 * editor's choice (lib/desk/session.ts getDeskLocale), not a URL segment.
 * Reading the session makes every desk page dynamic, so none is ever cached;
 * next.config.ts adds no-store and noindex to every desk response.
 */

export async function generateMetadata(): Promise<Metadata> {
  const locale = await getDeskLocale();
  const t = await getTranslations({ locale, namespace: 'DeskShell' });
  return {
    title: { template: t('titleTemplate', { site: siteTexts(locale).shortName }), default: t('deskName') },
    robots: { index: false, follow: false },
  };
}

export default async function DeskLayout({ children }: LayoutProps<'/redaktion'>) {
  const [locale, user] = await Promise.all([getDeskLocale(), getDeskUser()]);
  const t = await getTranslations({ locale, namespace: 'DeskShell' });
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-page font-sans text-ink antialiased">
        <a
          href="#inhalt"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-10 focus:rounded focus:bg-accent focus:px-4 focus:py-2 focus:text-accent-ink"
        >
          {t('skipToContent')}
        </a>
        <DeskHeader user={user} locale={locale} switchLanguage={switchDeskLanguage} signOut={signOut} />
        <main id="inhalt" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-8">
          {children}
        </main>
      </body>
    </html>
  );
}
