import type { Metadata, Viewport } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ErrorTextsProvider } from '@/components/layout/ErrorTexts';
import { isLocale } from '@/i18n/routing';
import { siteUrl } from '@/lib/site-config';
import { SITE_IDENTITY, siteTexts } from '@/lib/site-identity';
import '../globals.css';

// Pages render on first request and are then served from the ISR cache, so
// `next build` needs no database.
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: LayoutProps<'/[locale]'>): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const { name } = siteTexts(locale);
  return {
    metadataBase: siteUrl(),
    title: { template: `%s | ${name}`, default: name },
    applicationName: name,
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: SITE_IDENTITY.brandColor },
    { media: '(prefers-color-scheme: dark)', color: '#12161c' },
  ],
};

export default async function LocaleLayout({ children, params }: LayoutProps<'/[locale]'>) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'Header' });
  const errorText = await getTranslations({ locale, namespace: 'Error' });
  const errorTexts = {
    heading: errorText('heading'),
    text: errorText('text'),
    retry: errorText('retry'),
    home: errorText('home'),
    homeHref: `/${locale}`,
    reference: errorText('reference', { digest: '{digest}' }),
  };
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans antialiased">
        <div id="top">
          <a
            href="#content"
            className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-10 focus:rounded focus:bg-accent focus:px-4 focus:py-2 focus:text-accent-ink"
          >
            {t('skipToContent')}
          </a>
        </div>
        <ErrorTextsProvider texts={errorTexts}>{children}</ErrorTextsProvider>
      </body>
    </html>
  );
}
