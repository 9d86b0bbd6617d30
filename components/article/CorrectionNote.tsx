import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';

// The portal's conventions (lib/format-date.ts): "02.12.2026, 15:48" and "2 Dec 2026, 15:48", on Berlin's clock.
const formats: Record<Locale, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }),
};

/** "Korrigiert am 11.12.2026, 09:30: …": the editors' correction note, with the time it was set on Berlin's clock. */
export async function CorrectionNote({ locale, correction }: { locale: Locale; correction: { text: string; at: string } | null }) {
  if (!correction) return null;
  const t = await getTranslations({ locale, namespace: 'Correction' });
  const date = formats[locale].format(new Date(correction.at));
  return (
    <aside className="mb-6 border-l-4 border-focus bg-panel px-4 py-3" data-testid="correction-note">
      <p>
        {t.rich('note', {
          date,
          text: correction.text,
          time: (chunks) => <time dateTime={correction.at}>{chunks}</time>,
        })}
      </p>
    </aside>
  );
}
