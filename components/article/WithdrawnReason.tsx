import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import { WITHDRAWN_REASON_PLACEHOLDER } from '@/lib/content/withdrawn-reason-slot';

/** The slot on the 410 page where the portal server writes why the article was withdrawn (lib/content/withdrawn-reason-slot.ts). */
export async function WithdrawnReason({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'WithdrawnReason' });
  return (
    <p data-withdrawn-reason="" className="mt-4 max-w-prose border-l-4 border-accent bg-panel px-4 py-3">
      <strong>{t('label')}</strong> <span>{WITHDRAWN_REASON_PLACEHOLDER}</span>
    </p>
  );
}
