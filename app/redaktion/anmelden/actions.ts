'use server';

import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { deskPaths, RETURN_PARAM, safeReturnPath } from '@/i18n/desk-paths';
import { db } from '@/lib/db';
import { signIn } from '@/lib/desk/sign-in';
import type { SignInState } from '@/lib/desk/sign-in-state';
import { deskClientAddress, getDeskLocale, setSessionCookie } from '@/lib/desk/session';

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/**
 * Signs in and redirects (to the password page first after a one-time
 * password). There is no session yet to bind a CSRF token to: Next.js's
 * Origin check for server actions and SameSite=Lax keep other sites out.
 */
export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = text(form, 'email').trim().slice(0, 254);
  const password = text(form, 'password');
  const t = await getTranslations({ locale: await getDeskLocale(), namespace: 'DeskSignIn' });
  const problem = (message: string): SignInState => ({ status: 'problem', message, email });
  if (email === '' || password === '') return problem(t('missing'));
  let result: Awaited<ReturnType<typeof signIn>>;
  try {
    result = await signIn(db(), { email, password: password.slice(0, 1000), address: await deskClientAddress() });
  } catch (error) {
    console.error(`[desk] sign-in failed: ${error instanceof Error ? error.message : String(error)}`);
    return problem(t('failed'));
  }
  if (result.status === 'wrong') return problem(t('wrong'));
  if (result.status === 'throttled') return problem(t('throttled', { minutes: Math.ceil(result.retryAfterSeconds / 60) }));
  await setSessionCookie(result.token, result.expiresAt);
  redirect(result.mustChangePassword ? deskPaths.password : safeReturnPath(text(form, RETURN_PARAM)));
}
