'use server';

import { redirect } from 'next/navigation';
import { deskPaths, isDeskPath, safeReturnPath } from '@/i18n/desk-paths';
import { isLocale } from '@/i18n/routing';
import { db } from '@/lib/db';
import { setDeskLocale } from '@/lib/desk/accounts';
import { getDeskUser, setDeskLocaleCookie, verifyCsrf } from '@/lib/desk/session';

/** The desk's language switch: stored in the account when signed in, and in a cookie for the signed-out pages. */
export async function switchDeskLanguage(form: FormData): Promise<void> {
  const locale = form.get('locale');
  const back = form.get('back');
  const target = typeof back === 'string' && isDeskPath(back) ? safeReturnPath(back) : deskPaths.overview;
  if (typeof locale !== 'string' || !isLocale(locale)) redirect(target);
  const user = await getDeskUser();
  // A forged switch would only change a language, but every desk form is checked alike.
  if (user && (await verifyCsrf(form))) await setDeskLocale(db(), user.id, locale);
  await setDeskLocaleCookie(locale);
  redirect(back === deskPaths.signIn ? deskPaths.signIn : target);
}
