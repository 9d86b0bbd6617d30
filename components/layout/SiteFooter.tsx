import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';

export async function SiteFooter({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'Footer' });
  return (
    <footer className="mt-12 border-t border-line bg-panel">
      <div className="mx-auto max-w-5xl space-y-2 px-4 py-6 text-sm text-muted">
        <p>{t('about')}</p>
        <p>{t('legalPending')}</p>
        <p>{t('copyright', { year: new Date().getFullYear() })}</p>
      </div>
    </footer>
  );
}
