import { deskPaths } from '@/i18n/desk-paths';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { EditorPage } from '@/components/desk/editor/EditorPage';
import { deskEditorUser } from '@/lib/desk/editor/desk-editor-user';
import { readPickableTags } from '@/lib/desk/editor/editor-reads';

export async function generateMetadata(): Promise<Metadata> {
  const user = await deskEditorUser();
  const t = await getTranslations({ locale: user.locale, namespace: 'DeskEditor' });
  return { title: t('newTitle') };
}

export default async function NewArticlePage() {
  const user = await deskEditorUser();
  const t = await getTranslations({ locale: user.locale, namespace: 'DeskEditor' });
  return (
    <>
      <h1 className="mb-6 font-serif text-3xl font-bold">{t('newTitle')}</h1>
      <EditorPage user={user} stored={null} tags={await readPickableTags(user.locale)} permalink={deskPaths.newArticle} />
    </>
  );
}
