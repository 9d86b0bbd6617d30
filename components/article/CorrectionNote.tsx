import { getFormatter, getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';

/** "Korrigiert am 11.12.2026, 09:30: …": the editors' correction note, with the time it was set on Berlin's clock. */
export async function CorrectionNote({ locale, correction }: { locale: Locale; correction: { text: string; at: string } | null }) {
  if (!correction) return null;
  const [t, format] = await Promise.all([getTranslations({ locale, namespace: 'Correction' }), getFormatter({ locale })]);
  const date = format.dateTime(new Date(correction.at), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' });
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
