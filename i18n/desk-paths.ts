/*
 * Every address of the editors' desk, in one place: pages, forms, redirects
 * and tests ask this module. The desk speaks the editor's chosen language but
 * keeps German addresses in both, since it is one newsroom's tool, not a
 * reader's page (and proxy.ts leaves /redaktion alone).
 */

export const DESK_PREFIX = '/redaktion';

export const deskPaths = {
  overview: DESK_PREFIX,
  signIn: `${DESK_PREFIX}/anmelden`,
  signOut: `${DESK_PREFIX}/abmelden`,
  password: `${DESK_PREFIX}/passwort`,
  accounts: `${DESK_PREFIX}/konten`,
  newArticle: `${DESK_PREFIX}/artikel/neu`,
  article: (id: number | string) => `${DESK_PREFIX}/artikel/${id}`,
  revisions: (id: number | string) => `${DESK_PREFIX}/artikel/${id}/versionen`,
  inbox: `${DESK_PREFIX}/meldungen`,
  /** Where a refused form (wrong CSRF token, lesser role) is sent: the 403 page. */
  refused: `${DESK_PREFIX}/kein-zugang`,
} as const;

/** The query parameter that carries where to go back to after signing in. */
export const RETURN_PARAM = 'zurueck';

/** Whether `path` is a desk address (and nothing else, such as `//host` or `/redaktionx`). */
export function isDeskPath(path: string): boolean {
  return path === DESK_PREFIX || path.startsWith(`${DESK_PREFIX}/`) || path.startsWith(`${DESK_PREFIX}?`);
}

/** A return path safe to redirect to after signing in: a desk address on this site, else the overview. */
export function safeReturnPath(candidate: string | null | undefined): string {
  if (!candidate || !isDeskPath(candidate) || candidate.includes('\\') || /[\u0000-\u001f]/.test(candidate)) return deskPaths.overview;
  if (candidate.startsWith(deskPaths.signIn) || candidate.startsWith(deskPaths.signOut)) return deskPaths.overview;
  return candidate;
}

/** The sign-in address that comes back to `returnTo` afterwards. */
export function signInPath(returnTo?: string): string {
  const target = safeReturnPath(returnTo);
  return target === deskPaths.overview ? deskPaths.signIn : `${deskPaths.signIn}?${RETURN_PARAM}=${encodeURIComponent(target)}`;
}
