import { getLocale, getTranslations } from 'next-intl/server';
import { hasLocale } from 'next-intl';
import { otherLocale, routing } from '@/i18n/routing';
import { homePath } from '@/lib/paths';
import { PageShell } from '@/components/layout/PageShell';

export default async function NotFound() {
  const requested = await getLocale();
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  const t = await getTranslations({ locale, namespace: 'NotFound' });
  const meta = await getTranslations({ locale, namespace: 'Metadata' });
  return (
    <PageShell locale={locale} otherLanguagePath={homePath(otherLocale(locale))}>
      <title>{meta('notFoundTitle')}</title>
      <meta name="robots" content="noindex" />
      <h1 className="font-serif text-3xl font-bold">{t('heading')}</h1>
      <p className="mt-4 max-w-prose">{t('text')}</p>
      <p className="mt-4">
        <a href={homePath(locale)} className="font-semibold">
          {t('home')}
        </a>
      </p>
    </PageShell>
  );
}
