import 'server-only';
import { redirect } from 'next/navigation';
import { deskPaths } from '@/i18n/desk-paths';
import { restoreArticle, withdrawArticle } from '@/lib/content/save-article';
import { db } from '@/lib/db';
import { verifyCsrf } from '@/lib/desk/session';
import type { DeskEditorUser } from '@/lib/desk/editor/desk-editor-user';
import { EDITOR_LANGUAGES } from '@/lib/desk/editor/editor-values';

/*
 * Withdrawing and restoring from the article page: editors only, checked
 * here whatever the page showed, through lib/content's write path.
 */

const articlePage = deskPaths.article;

function refuseUnlessEditor(user: DeskEditorUser, articleId: number): void {
  if (!user.mayPublish) redirect(`${articlePage(articleId)}?verweigert=1`);
}

export async function withdrawFromForm(user: DeskEditorUser, articleId: number, form: FormData): Promise<never> {
  refuseUnlessEditor(user, articleId);
  if (!(await verifyCsrf(form))) redirect(`${articlePage(articleId)}?verweigert=1`);
  const reason = Object.fromEntries(
    EDITOR_LANGUAGES.flatMap((language) => {
      const value = form.get(`reason-${language}`);
      return typeof value === 'string' && value.trim() !== '' ? [[language, value.trim()]] : [];
    }),
  );
  if (Object.keys(reason).length === 0) redirect(`${articlePage(articleId)}?rueckzug=fehlt#withdraw-reason-de`);
  await withdrawArticle(db(), articleId, { author: user.name, reason });
  redirect(`${articlePage(articleId)}?gespeichert=1`);
}

export async function restoreFromForm(user: DeskEditorUser, articleId: number, form: FormData): Promise<never> {
  refuseUnlessEditor(user, articleId);
  if (!(await verifyCsrf(form))) redirect(`${articlePage(articleId)}?verweigert=1`);
  await restoreArticle(db(), articleId, { author: user.name });
  redirect(`${articlePage(articleId)}?gespeichert=1`);
}
