import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * The CSRF token of a desk form is derived from the session's own token
 * (an HMAC under it), so it needs no storage, changes with every sign-in,
 * and another site, which cannot read the HttpOnly cookie, cannot make it.
 * It is checked on every POST in addition to Next.js's Origin check for
 * server actions and the cookie's SameSite=Lax.
 */

export const CSRF_FIELD = 'csrf';

export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('desk-form').digest('base64url');
}

export function csrfMatches(sessionToken: string, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
