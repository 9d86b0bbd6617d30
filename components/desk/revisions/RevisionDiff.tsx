import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import type { FieldDiff } from '@/lib/content/revisions';

/**
 * Changes as a table per field and language. Removed and added runs are
 * marked with <del> and <ins>, named in words for screen readers, and set
 * apart by more than colour (strike-through, underline and a border).
 */
export async function RevisionDiff({ locale, changes, caption }: { locale: Locale; changes: FieldDiff[]; caption: string }) {
  const t = await getTranslations({ locale, namespace: 'DeskRevisions' });
  if (changes.length === 0) return <p className="rounded border border-line p-4">{t('noChanges')}</p>;
  return (
    <table className="w-full table-fixed border-collapse text-left">
      <caption className="mb-2 text-left font-semibold">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="w-48 border-b border-line p-2">{t('fieldColumn')}</th>
          <th scope="col" className="border-b border-line p-2">{t('changeColumn')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change, index) => (
          <tr key={index}>
            <th scope="row" className="border-b border-line p-2 align-top">
              {t(`field.${change.field}`)}
              {change.language && ` (${t(`language.${change.language}`)})`}
            </th>
            <td className="border-b border-line p-2 align-top">
              <p lang={change.language ?? undefined} className="whitespace-pre-wrap break-words">
                {change.parts.map((part, partIndex) =>
                  part.kind === 'removed' ? (
                    <del key={partIndex} className="bg-panel line-through decoration-2">
                      <span className="sr-only">[{t('removed')}: </span>
                      {part.text}
                      <span className="sr-only">]</span>
                    </del>
                  ) : part.kind === 'added' ? (
                    <ins key={partIndex} className="border-b-2 border-accent font-semibold no-underline">
                      <span className="sr-only">[{t('added')}: </span>
                      {part.text}
                      <span className="sr-only">]</span>
                    </ins>
                  ) : (
                    <span key={partIndex}>{part.text}</span>
                  ),
                )}
              </p>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
