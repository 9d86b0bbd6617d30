/*
 * Requests the portal server makes to itself (status pages, refreshes of
 * kept answers) carry a random token created at start-up, so readers cannot
 * open those internal addresses.
 */

export const INTERNAL_TOKEN_HEADER = 'x-portal-internal';
export const INTERNAL_TOKEN_ENV = 'PORTAL_INTERNAL_TOKEN';

export function isInternalRequest(headers: Headers): boolean {
  const token = process.env[INTERNAL_TOKEN_ENV];
  return token !== undefined && token.length > 0 && headers.get(INTERNAL_TOKEN_HEADER) === token;
}
