import { currentCsrfToken, CSRF_FIELD } from '@/lib/desk/session';

/** The hidden field every desk form carries; the server action checks it with requireDeskAction or verifyCsrf. */
export async function CsrfField() {
  const token = await currentCsrfToken();
  return token ? <input type="hidden" name={CSRF_FIELD} value={token} /> : null;
}
