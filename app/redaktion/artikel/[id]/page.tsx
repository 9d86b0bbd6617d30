import { deskPaths } from '@/i18n/desk-paths';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { EditorPage } from '@/components/desk/editor/EditorPage';
import { ArticleStatusPanel } from '@/components/desk/editor/ArticleStatusPanel';
import { deskEditorUser } from '@/lib/desk/editor/desk-editor-user';
import { readEditorArticle, readPickableTags } from '@/lib/desk/editor/editor-reads';

function articleIdOf(raw: string): number | null {
  return /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null;
}

export async function generateMetadata({ params }: PageProps<'/redaktion/artikel/[id]'>): Promise<Metadata> {
  const user = await deskEditorUser();
  const t = await getTranslations({ locale: user.locale, namespace: 'DeskEditor' });
  const id = articleIdOf((await params).id);
  const stored = id === null ? null : await readEditorArticle(id);
  const title = stored?.article.translations[user.locale]?.title ?? stored?.article.translations.de?.title ?? stored?.article.translations.en?.title;
  return { title: title ? t('editTitle', { title }) : t('notFound') };
}

export default async function EditArticlePage({ params, searchParams }: PageProps<'/redaktion/artikel/[id]'>) {
  const user = await deskEditorUser();
  const id = articleIdOf((await params).id);
  const stored = id === null ? null : await readEditorArticle(id);
  if (id === null || !stored) notFound();
  const t = await getTranslations({ locale: user.locale, namespace: 'DeskEditor' });
  const format = await getFormatter({ locale: user.locale });
  const { article } = stored;
  const title = article.translations[user.locale]?.title ?? article.translations.de?.title ?? article.translations.en?.title ?? '';
  const query = await searchParams;
  const saved = query.gespeichert !== undefined;
  return (
    <>
      <h1 className="mb-2 font-serif text-3xl font-bold">{t('editTitle', { title })}</h1>
      <p className="mb-4">
        <a href={deskPaths.revisions(id)} className="underline">{t('revisionsLink')}</a>
      </p>
      {saved && (
        <p role="status" className="mb-4 rounded border-2 border-accent bg-panel p-4 font-semibold">
          {t('saved', { time: format.dateTime(new Date(article.updatedAt), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }) })}
        </p>
      )}
      {query.verweigert !== undefined && (
        <p role="alert" className="mb-4 rounded border-4 border-focus p-4 font-semibold">{t('refusedNotice')}</p>
      )}
      <ArticleStatusPanel user={user} stored={stored} withdrawError={query.rueckzug === 'fehlt'} />
      {!article.withdrawnAt && <EditorPage user={user} stored={stored} tags={await readPickableTags(user.locale)} permalink={deskPaths.article(id)} />}
    </>
  );
}
