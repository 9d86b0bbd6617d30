import { deskPaths } from '@/i18n/desk-paths';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { restoreRevisionAction } from '@/app/redaktion/artikel/[id]/versionen/actions';
import { CsrfField } from '@/components/desk/shell/CsrfField';
import { BUTTON, INPUT } from '@/components/desk/editor/field-styles';
import { RevisionDiff } from '@/components/desk/revisions/RevisionDiff';
import { deskEditorUser } from '@/lib/desk/editor/desk-editor-user';
import { readEditorArticle } from '@/lib/desk/editor/editor-reads';
import { compareRevisions, readRevisionList } from '@/lib/desk/editor/revision-reads';

const KNOWN_ACTIONS = ['created', 'updated', 'withdrawn', 'restored', 'reverted'] as const;

function isKnownAction(action: string): action is (typeof KNOWN_ACTIONS)[number] {
  return (KNOWN_ACTIONS as readonly string[]).includes(action);
}

function idOf(raw: string | string[] | undefined): number | null {
  return typeof raw === 'string' && /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null;
}

export async function generateMetadata(): Promise<Metadata> {
  const user = await deskEditorUser();
  const t = await getTranslations({ locale: user.locale, namespace: 'DeskRevisions' });
  return { title: t('title') };
}

export default async function RevisionsPage({ params, searchParams }: PageProps<'/redaktion/artikel/[id]/versionen'>) {
  const user = await deskEditorUser();
  const articleId = idOf((await params).id);
  const stored = articleId === null ? null : await readEditorArticle(articleId);
  if (articleId === null || !stored) notFound();
  const t = await getTranslations({ locale: user.locale, namespace: 'DeskRevisions' });
  const format = await getFormatter({ locale: user.locale });
  const when = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/Berlin' });
  const query = await searchParams;
  const revisions = await readRevisionList(articleId);
  const number = (id: number) => revisions.length - revisions.findIndex((r) => r.id === id);
  const to = revisions.find((r) => r.id === idOf(query.bis)) ?? revisions[0];
  const from = revisions.find((r) => r.id === idOf(query.von)) ?? revisions[revisions.findIndex((r) => r.id === to?.id) + 1];
  const comparison = from && to ? await compareRevisions(articleId, from.id, to.id) : null;
  const label = (id: number) => {
    const revision = revisions.find((r) => r.id === id);
    return revision ? t('revisionLabel', { number: number(id), time: when(revision.createdAt), author: revision.author }) : '';
  };
  const title = stored.article.translations[user.locale]?.title ?? stored.article.translations.de?.title ?? stored.article.translations.en?.title ?? '';

  return (
    <>
      <h1 className="mb-2 font-serif text-3xl font-bold">{t('heading', { title })}</h1>
      <p className="mb-4">
        <a href={deskPaths.article(articleId)} className="underline">{t('backToEditor')}</a>
      </p>
      {query.wiederhergestellt !== undefined && <p role="status" className="mb-4 rounded border-2 border-accent bg-panel p-4">{t('restored')}</p>}
      {query.fehler !== undefined && <p role="alert" className="mb-4 rounded border-4 border-focus p-4">{t('failed')}</p>}

      <div className="overflow-x-auto">
        <table className="mb-8 w-full border-collapse text-left">
          <caption className="mb-2 text-left font-semibold">{t('listCaption', { count: revisions.length })}</caption>
          <thead>
            <tr>
              {(['number', 'time', 'author', 'action', 'restore'] as const).map((column) => (
                <th key={column} scope="col" className="border-b border-line p-2">{t(`column.${column}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {revisions.map((revision, index) => (
              <tr key={revision.id}>
                <th scope="row" className="border-b border-line p-2">{number(revision.id)}</th>
                <td className="border-b border-line p-2"><time dateTime={revision.createdAt.toISOString()}>{when(revision.createdAt)}</time></td>
                <td className="border-b border-line p-2">{revision.author}</td>
                <td className="border-b border-line p-2">
                  {isKnownAction(revision.action) ? t(`action.${revision.action}`) : revision.action}
                  {revisions[index + 1] && (
                    <>
                      {' · '}
                      <a href={`?von=${revisions[index + 1]?.id}&bis=${revision.id}#diff`} className="underline">
                        {t('compareWithPrevious', { number: number(revision.id) })}
                      </a>
                    </>
                  )}
                </td>
                <td className="border-b border-line p-2">
                  {user.mayPublish && index > 0 && (
                    <form action={restoreRevisionAction.bind(null, articleId, revision.id)}>
                      <CsrfField />
                      <button type="submit" className={BUTTON}>{t('restoreButton', { number: number(revision.id) })}</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {revisions.length > 1 && (
        <form method="get" className="mb-6 flex flex-wrap items-end gap-4 rounded border border-line bg-panel p-4">
          {([['von', t('from'), from?.id], ['bis', t('to'), to?.id]] as const).map(([name, text, selected]) => (
            <div key={name}>
              <label htmlFor={`diff-${name}`} className="font-semibold">{text}</label>
              <select id={`diff-${name}`} name={name} defaultValue={selected ? String(selected) : ''} className={INPUT}>
                {revisions.map((revision) => (
                  <option key={revision.id} value={revision.id}>{label(revision.id)}</option>
                ))}
              </select>
            </div>
          ))}
          <button type="submit" className={BUTTON}>{t('compare')}</button>
        </form>
      )}
      {from && to && comparison && (
        <section id="diff" aria-labelledby="diff-heading">
          <h2 id="diff-heading" className="mb-3 text-xl font-bold">{t('diffHeading', { from: number(from.id), to: number(to.id) })}</h2>
          <RevisionDiff locale={user.locale} changes={comparison.changes} caption={t('diffCaption', { from: label(from.id), to: label(to.id) })} />
        </section>
      )}
    </>
  );
}
