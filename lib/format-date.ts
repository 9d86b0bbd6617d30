import type { Locale } from '@/i18n/routing';

// The portal's editorial conventions: "04.06.2020" in German, "4 June 2020" in
// English, always in the ministry's time zone so a date never shifts by a day.
const formats: Record<Locale, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Berlin' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Berlin' }),
};

export function formatArticleDate(locale: Locale, isoDate: string): string {
  return formats[locale].format(new Date(isoDate));
}
