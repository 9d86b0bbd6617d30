import 'server-only';
import type { Locale } from '@/i18n/routing';
import { can, requireDeskUser } from '@/lib/desk/session';

/*
 * What the desk pages need to know about the signed-in person, read from the
 * accounts' session (lib/desk/session.ts): the one place these pages ask it.
 */

export type DeskEditorUser = {
  /** As revisions and the conflict panel name them. */
  name: string;
  locale: Locale;
  mayPublish: boolean;
  mayManageInbox: boolean;
};

export async function deskEditorUser(): Promise<DeskEditorUser> {
  const user = await requireDeskUser();
  return {
    name: user.name || user.email,
    locale: user.locale,
    mayPublish: can(user, 'publish'),
    mayManageInbox: can(user, 'manageInbox'),
  };
}
