'use client';

import { useTranslations } from 'next-intl';
import type { EditorValues } from '@/lib/desk/editor/editor-values';
import { EDITOR_LANGUAGES } from '@/lib/desk/editor/editor-values';

type ConflictPanelProps = { theirs: EditorValues; mine: EditorValues; by: string; at: string };

/**
 * Shown when someone else saved the article after this form was opened.
 * Their version is stored and shown here; the form below keeps what this
 * editor typed, now based on their version, so saving again is a choice.
 */
export function ConflictPanel({ theirs, mine, by, at }: ConflictPanelProps) {
  const t = useTranslations('DeskEditor');
  const rows = EDITOR_LANGUAGES.flatMap((language) =>
    (['title', 'slug', 'lead', 'body'] as const)
      .filter((field) => theirs.translations[language][field] !== mine.translations[language][field])
      .map((field) => ({ language, field, theirs: theirs.translations[language][field], mine: mine.translations[language][field] })),
  );
  return (
    <section role="alert" aria-labelledby="conflict-heading" className="rounded border-4 border-focus p-4">
      <h2 id="conflict-heading" className="text-lg font-bold">
        {t('conflict.heading')}
      </h2>
      <p className="mt-2">{t('conflict.text', { name: by, time: at })}</p>
      <p className="mt-2">{t('conflict.howTo')}</p>
      {rows.length > 0 && (
        <table className="mt-4 w-full table-fixed border-collapse text-left text-sm">
          <caption className="text-left font-semibold">{t('conflict.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="w-40 border-b border-line p-2">{t('conflict.field')}</th>
              <th scope="col" className="border-b border-line p-2">{t('conflict.theirs', { name: by })}</th>
              <th scope="col" className="border-b border-line p-2">{t('conflict.mine')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.language}-${row.field}`}>
                <th scope="row" className="border-b border-line p-2 align-top">
                  {t(`field.${row.field}`)} ({t(`language.${row.language}`)})
                </th>
                <td className="border-b border-line p-2 align-top whitespace-pre-wrap break-words" lang={row.language}>{row.theirs}</td>
                <td className="border-b border-line p-2 align-top whitespace-pre-wrap break-words" lang={row.language}>{row.mine}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
