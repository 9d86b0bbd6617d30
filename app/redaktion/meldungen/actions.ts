'use server';

import { deskPaths } from '@/i18n/desk-paths';
import { redirect } from 'next/navigation';
import { db } from '@/lib/db';
import { verifyCsrf } from '@/lib/desk/session';
import { deskEditorUser } from '@/lib/desk/editor/desk-editor-user';
import { isFeedbackStatus, setFeedbackStatus } from '@/lib/feedback/set-feedback-status';

/** Sets a report's status from the inbox's plain form; the page shows the result. */
export async function setReportStatusAction(feedbackId: number, form: FormData): Promise<void> {
  const user = await deskEditorUser();
  const status = form.get('status');
  if (!user.mayManageInbox || !(await verifyCsrf(form)) || !isFeedbackStatus(status)) redirect(`${deskPaths.inbox}?fehler=1`);
  await setFeedbackStatus(db(), feedbackId, status, user.name);
  redirect(`${deskPaths.inbox}?gespeichert=${feedbackId}#report-${feedbackId}`);
}
