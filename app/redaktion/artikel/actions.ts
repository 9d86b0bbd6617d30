'use server';

import { deskPaths } from '@/i18n/desk-paths';
import { redirect } from 'next/navigation';
import { deskEditorUser } from '@/lib/desk/editor/desk-editor-user';
import type { EditorState } from '@/lib/desk/editor/editor-state';
import { saveFromForm } from '@/lib/desk/editor/save-from-form';
import { refusedByCsrf } from '@/lib/desk/editor/desk-form-guard';
import { restoreFromForm, withdrawFromForm } from '@/lib/desk/editor/withdraw-from-form';

/** Saves the editing form (new when `articleId` is null); works as a plain form post without JavaScript. */
export async function saveArticleAction(articleId: number | null, _previous: EditorState, form: FormData): Promise<EditorState> {
  const user = await deskEditorUser();
  const csrf = await refusedByCsrf(form, user.locale);
  if (csrf) return csrf;
  const outcome = await saveFromForm(user, articleId, form);
  if ('state' in outcome) return outcome.state;
  redirect(`${deskPaths.article(outcome.saved)}?gespeichert=1`);
}

/** Withdraws a published article with a reason readers see on its 410 page (editors only). */
export async function withdrawArticleAction(articleId: number, form: FormData): Promise<void> {
  const user = await deskEditorUser();
  await withdrawFromForm(user, articleId, form);
}

/** Brings a withdrawn article back as it was (editors only). */
export async function restoreArticleAction(articleId: number, form: FormData): Promise<void> {
  const user = await deskEditorUser();
  await restoreFromForm(user, articleId, form);
}
