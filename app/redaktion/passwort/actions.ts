'use server';

import { getTranslations } from 'next-intl/server';
import { db } from '@/lib/db';
import { changeDeskPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/desk/accounts';
import type { PasswordState } from '@/lib/desk/password-state';
import { currentSessionHash, requireDeskAction } from '@/lib/desk/session';
import { deskPaths } from '@/i18n/desk-paths';

function text(form: FormData, name: string): string | null {
  const value = form.get(name);
  return typeof value === 'string' ? value : null;
}

/** Sets the signed-in person's own password; after a one-time password no current one is asked for. */
export async function changePasswordAction(_previous: PasswordState, form: FormData): Promise<PasswordState> {
  const user = await requireDeskAction(form, 'author', { passwordChange: true, returnTo: deskPaths.password });
  const t = await getTranslations({ locale: user.locale, namespace: 'DeskAccount' });
  const result = await changeDeskPassword(db(), {
    accountId: user.id,
    current: text(form, 'current'),
    next: text(form, 'next') ?? '',
    repeated: text(form, 'repeated') ?? '',
    keepSessionHash: await currentSessionHash(),
  });
  if (result.ok) return { status: 'changed' };
  return { status: 'problem', message: t(result.problem, { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }) };
}
