import 'server-only';
import { cache } from 'react';
import { cookies, headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { deskPaths, signInPath } from '@/i18n/desk-paths';
import { isLocale, type Locale, routing } from '@/i18n/routing';
import { db } from '@/lib/db';
import { clientKey } from '@/lib/rate-limit';
import { csrfMatches, csrfTokenFor, CSRF_FIELD } from './csrf';
import { DESK_LOCALE_COOKIE, SESSION_COOKIE, SESSION_TOKEN_MAX_LENGTH } from './cookie-names';
import { can, hasRole, type DeskAction, type DeskRole } from './roles';
import { findDeskSession, sessionTokenHash, type SessionAccount } from './sessions';

/*
 * The desk's one way to ask who is signed in, for pages, layouts, server
 * actions and route handlers alike. The session cookie is HttpOnly, Secure,
 * SameSite=Lax and sent to /redaktion only; the language of signed-out pages
 * (sign-in) is a cookie of its own, the signed-in person's is their account's.
 */

export type { DeskRole, DeskAction };
export { can, CSRF_FIELD };

/** The person signed in at the desk. */
export type DeskUser = SessionAccount;

const COOKIE_PATH = '/redaktion';

async function sessionToken(): Promise<string | null> {
  const value = (await cookies()).get(SESSION_COOKIE)?.value;
  return value && value.length <= SESSION_TOKEN_MAX_LENGTH ? value : null;
}

/** Who is signed in, or null; refreshes the session's last-seen time. Once per request. */
export const getDeskUser = cache(async (): Promise<DeskUser | null> => {
  const token = await sessionToken();
  return token ? findDeskSession(db(), token) : null;
});

type RequireOptions = {
  /** Where sign-in comes back to (a desk path; default the overview). */
  returnTo?: string;
  /** For the password page only: a person who must replace a one-time password is let in. */
  passwordChange?: boolean;
};

/**
 * The signed-in person, with at least `role`. Signed out → redirect to the
 * sign-in (then back to `returnTo`); a one-time password not yet replaced →
 * redirect to the password page; a lesser role → the desk's 403 page
 * (app/redaktion/forbidden.tsx). Server actions use requireDeskAction instead.
 */
export async function requireDeskUser(role: DeskRole = 'author', options: RequireOptions = {}): Promise<DeskUser> {
  const user = await getDeskUser();
  if (!user) redirect(signInPath(options.returnTo));
  if (user.mustChangePassword && !options.passwordChange) redirect(deskPaths.password);
  if (!hasRole(user.role, role)) forbidden();
  return user;
}

/** Whether the form carries this session's CSRF token. */
export async function verifyCsrf(form: FormData): Promise<boolean> {
  const token = await sessionToken();
  return token !== null && csrfMatches(token, form.get(CSRF_FIELD));
}

/**
 * For every desk server action: the signed-in person with at least `role`
 * whose form carries the session's CSRF token; otherwise nothing is changed
 * and the browser is sent to the sign-in (signed out) or to the 403 page
 * (wrong token or role). A redirect, not forbidden(): Next.js answers
 * forbidden() in a form posted without JavaScript with its 404 page.
 */
export async function requireDeskAction(form: FormData, role: DeskRole = 'author', options: RequireOptions = {}): Promise<DeskUser> {
  const user = await getDeskUser();
  if (!user) redirect(signInPath(options.returnTo));
  if (user.mustChangePassword && !options.passwordChange) redirect(deskPaths.password);
  if (!hasRole(user.role, role) || !(await verifyCsrf(form))) redirect(deskPaths.refused);
  return user;
}

/** The CSRF token for the current session's forms (CsrfField renders it); null when signed out. */
export async function currentCsrfToken(): Promise<string | null> {
  const token = await sessionToken();
  return token ? csrfTokenFor(token) : null;
}

/** The hash of the current session's token, to keep this session when ending the others. */
export async function currentSessionHash(): Promise<string | null> {
  const token = await sessionToken();
  return token ? sessionTokenHash(token) : null;
}

/** The desk's language: the signed-in person's choice, else the sign-in page's, else German. */
export const getDeskLocale = cache(async (): Promise<Locale> => {
  const user = await getDeskUser();
  if (user) return user.locale;
  const chosen = (await cookies()).get(DESK_LOCALE_COOKIE)?.value;
  return isLocale(chosen) ? chosen : routing.defaultLocale;
});

/** The client's address as the portal server recorded it (server/portal-server.ts), for the sign-in limit. */
export async function deskClientAddress(): Promise<string> {
  return clientKey(await headers());
}

const cookieBase = { httpOnly: true, secure: true, sameSite: 'lax', path: COOKIE_PATH } as const;

/** In a server action or route handler: the browser holds the new session from now on. */
export async function setSessionCookie(token: string, expiresAt: Date): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, token, { ...cookieBase, expires: expiresAt });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, '', { ...cookieBase, maxAge: 0 });
}

export async function setDeskLocaleCookie(locale: Locale): Promise<void> {
  (await cookies()).set(DESK_LOCALE_COOKIE, locale, { ...cookieBase, maxAge: 365 * 24 * 60 * 60 });
}

/** The current session's token, for signing out. */
export { sessionToken as currentSessionToken };
