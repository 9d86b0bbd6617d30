'use server';

import { deskPaths } from '@/i18n/desk-paths';
import { redirect } from 'next/navigation';
import { restoreRevision } from '@/lib/content/restore-revision';
import { ContentError } from '@/lib/content/content-error';
import { db } from '@/lib/db';
import { verifyCsrf } from '@/lib/desk/session';
import { deskEditorUser } from '@/lib/desk/editor/desk-editor-user';

/** Makes a saved state the current one again, as a new revision (editors only). */
export async function restoreRevisionAction(articleId: number, revisionId: number, form: FormData): Promise<void> {
  const user = await deskEditorUser();
  const page = deskPaths.revisions(articleId);
  if (!user.mayPublish || !(await verifyCsrf(form))) redirect(`${page}?fehler=1`);
  try {
    await restoreRevision(db(), articleId, revisionId, { author: user.name });
  } catch (error) {
    if (error instanceof ContentError) redirect(`${page}?fehler=1`);
    throw error;
  }
  redirect(`${page}?wiederhergestellt=1`);
}
