'use server';

import { redirect } from 'next/navigation';
import { deskPaths } from '@/i18n/desk-paths';
import { db } from '@/lib/db';
import { endAllDeskSessions, endDeskSession } from '@/lib/desk/sessions';
import { clearSessionCookie, currentSessionToken, getDeskUser, verifyCsrf } from '@/lib/desk/session';

/** Ends this browser's session. */
export async function signOut(form: FormData): Promise<void> {
  const token = await currentSessionToken();
  if (token) {
    if (!(await verifyCsrf(form))) redirect(deskPaths.refused);
    await endDeskSession(db(), token);
  }
  await clearSessionCookie();
  redirect(`${deskPaths.signIn}?abgemeldet=1`);
}

/** Ends every session of the signed-in person, in every browser. */
export async function signOutEverywhere(form: FormData): Promise<void> {
  const user = await getDeskUser();
  if (user) {
    if (!(await verifyCsrf(form))) redirect(deskPaths.refused);
    await endAllDeskSessions(db(), user.id);
  }
  await clearSessionCookie();
  redirect(`${deskPaths.signIn}?abgemeldet=ueberall`);
}
