import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import { WITHDRAWN_REASON_PLACEHOLDER } from '@/lib/content/withdrawn-reason-slot';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The hidden slot on the 410 page where the portal server writes why the article was withdrawn (lib/content/withdrawn-reason-slot.ts). */
export async function WithdrawnReason({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'WithdrawnReason' });
  return (
    <p
      data-withdrawn-reason=""
      hidden
      className="mt-4 max-w-prose border-l-4 border-accent bg-panel px-4 py-3"
      // Inner HTML on purpose: hydration leaves it as the server wrote it (see the slot module).
      dangerouslySetInnerHTML={{ __html: `<strong>${escapeHtml(t('label'))}</strong> <span>${WITHDRAWN_REASON_PLACEHOLDER}</span>` }}
    />
  );
}
