import { getTranslations } from 'next-intl/server';
import { otherLocale, type Locale } from '@/i18n/routing';
import { homePath } from '@/lib/paths';
import { PageShell } from '@/components/layout/PageShell';
import { REQUEST_ID_PLACEHOLDER } from '@/lib/status-pages';
import { WithdrawnReason } from '@/components/article/WithdrawnReason';

export type StatusKind = 'forbidden' | 'not-found' | 'gone' | 'unavailable';

const NAMESPACE = { forbidden: 'Forbidden', 'not-found': 'NotFound', gone: 'Gone', unavailable: 'Unavailable' } as const;

/** The page a reader sees instead of content: unknown address, withdrawn article, an outage, or a form sent from another site. */
export async function StatusPage({ locale, kind }: { locale: Locale; kind: StatusKind }) {
  const t = await getTranslations({ locale, namespace: NAMESPACE[kind] });
  return (
    <PageShell locale={locale} otherLanguagePath={homePath(otherLocale(locale))}>
      <h1 className="font-serif text-3xl font-bold">{t('heading')}</h1>
      <p className="mt-4 max-w-prose">{t('text')}</p>
      {kind === 'gone' && <WithdrawnReason locale={locale} />}
      {kind === 'unavailable' && <p className="mt-2 text-sm text-muted">{t('reference', { id: REQUEST_ID_PLACEHOLDER })}</p>}
      <p className="mt-6 flex flex-wrap gap-6">
        {kind === 'unavailable' && (
          <a href="" className="font-semibold">
            {t('retry')}
          </a>
        )}
        <a href={homePath(locale)} className="font-semibold">
          {t('home')}
        </a>
      </p>
    </PageShell>
  );
}
