/*
 * The desk's cookie names, apart from the session code (which needs Next.js's
 * request scope), so the portal server can tell a signed-in editor's post
 * from anyone else's before Next.js sees it.
 */

export const SESSION_COOKIE = 'desk_session';
export const DESK_LOCALE_COOKIE = 'desk_locale';

/** Longest session token accepted; anything longer is not one of ours. */
export const SESSION_TOKEN_MAX_LENGTH = 100;
