import { getFormatter, getTranslations } from 'next-intl/server';
import { deskPaths } from '@/i18n/desk-paths';
import { type Locale, routing } from '@/i18n/routing';
import type { DeskArticleRow } from '@/lib/queries/desk-articles';

type OverviewTableProps = { locale: Locale; rows: DeskArticleRow[]; total: number; tagNames: Record<string, string> };

/** Every listed article as an accessible table: caption, column and row headers, links to edit. */
export async function OverviewTable({ locale, rows, total, tagNames }: OverviewTableProps) {
  const t = await getTranslations({ locale, namespace: 'DeskOverview' });
  const format = await getFormatter({ locale });
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' });
  if (rows.length === 0) return <p className="rounded border border-line p-4">{t('empty')}</p>;
  const cell = 'border-b border-line p-2 align-top';
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption className="mb-2 text-left font-semibold">{t('caption', { count: total })}</caption>
        <thead>
          <tr>
            {(['title', 'status', 'languages', 'type', 'tags', 'changed'] as const).map((column) => (
              <th key={column} scope="col" className={`${cell} whitespace-nowrap`}>{t(`column.${column}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const titleLanguage = row.titles[locale] ? locale : (routing.locales.find((language) => row.titles[language]) ?? locale);
            const title = row.titles[titleLanguage] ?? t('untitled');
            return (
              <tr key={row.id}>
                <th scope="row" className={`${cell} font-normal`}>
                  <a href={deskPaths.article(row.id)} lang={titleLanguage} className="font-semibold underline">{title}</a>
                </th>
                <td className={cell}>
                  {t(`status.${row.status}`)}
                  {row.scheduledFor && (
                    <>
                      {' '}
                      <time dateTime={row.scheduledFor}>{t('scheduledFor', { time: when(row.scheduledFor) })}</time>
                    </>
                  )}
                </td>
                <td className={cell}>{row.languages.map((language) => t(`language.${language}`)).join(', ')}</td>
                <td className={cell}>{t(`type.${row.type}`)}</td>
                <td className={cell}>{row.tags.map((key) => tagNames[key] ?? key).join(', ')}</td>
                <td className={cell}>
                  <time dateTime={row.updatedAt}>{when(row.updatedAt)}</time>
                  <span className="block text-sm text-muted">{t('changedBy', { name: row.updatedBy })}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
