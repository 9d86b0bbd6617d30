'use server';

import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { deskPaths } from '@/i18n/desk-paths';
import { db } from '@/lib/db';
import { createEditorToken, revokeEditorToken } from '@/lib/auth/editor-tokens';
import { createDeskAccount, DeskAccountError, disableDeskAccount, enableDeskAccount, resetDeskPassword, setDeskRole } from '@/lib/desk/accounts';
import type { SecretState } from '@/lib/desk/secret-state';
import { requireDeskAction } from '@/lib/desk/session';

/*
 * The admin's account and token actions. Each checks the admin role and the
 * form's CSRF token first (requireDeskAction). Those that hand out a secret
 * answer with it (SecretForm shows it once); the others redirect back to the
 * list with what happened, so that reloading repeats nothing.
 */

const access = { returnTo: deskPaths.accounts } as const;

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

function accountId(form: FormData): number {
  const id = Number(text(form, 'account'));
  return Number.isSafeInteger(id) && id > 0 ? id : 0;
}

function done(kind: string, email: string): never {
  redirect(`${deskPaths.accounts}?erledigt=${kind}&konto=${encodeURIComponent(email)}`);
}

function refused(error: unknown): never {
  if (error instanceof DeskAccountError) redirect(`${deskPaths.accounts}?problem=${error.problem}`);
  throw error;
}

export async function createAccountAction(_previous: SecretState, form: FormData): Promise<SecretState> {
  const user = await requireDeskAction(form, 'admin', access);
  const t = await getTranslations({ locale: user.locale, namespace: 'DeskAccounts' });
  try {
    const { account, oneTimePassword } = await createDeskAccount(db(), { email: text(form, 'email'), role: text(form, 'role'), name: text(form, 'name') });
    return { status: 'secret', heading: `${t('created', { email: account.email })} ${t('oneTimeHeading', { email: account.email })}`, text: t('oneTimeText'), secret: oneTimePassword };
  } catch (error) {
    if (error instanceof DeskAccountError) return { status: 'problem', message: t(error.problem) };
    throw error;
  }
}

export async function resetPasswordAction(_previous: SecretState, form: FormData): Promise<SecretState> {
  const user = await requireDeskAction(form, 'admin', access);
  const t = await getTranslations({ locale: user.locale, namespace: 'DeskAccounts' });
  try {
    const { account, oneTimePassword } = await resetDeskPassword(db(), { id: accountId(form) });
    return { status: 'secret', heading: t('oneTimeHeading', { email: account.email }), text: t('oneTimeText'), secret: oneTimePassword };
  } catch (error) {
    if (error instanceof DeskAccountError) return { status: 'problem', message: t(error.problem) };
    throw error;
  }
}

export async function setRoleAction(form: FormData): Promise<void> {
  await requireDeskAction(form, 'admin', access);
  const account = await setDeskRole(db(), { id: accountId(form) }, text(form, 'role')).catch(refused);
  done('rolle', account.email);
}

export async function disableAccountAction(form: FormData): Promise<void> {
  await requireDeskAction(form, 'admin', access);
  const account = await disableDeskAccount(db(), { id: accountId(form) }).catch(refused);
  done('gesperrt', account.email);
}

export async function enableAccountAction(form: FormData): Promise<void> {
  await requireDeskAction(form, 'admin', access);
  const account = await enableDeskAccount(db(), { id: accountId(form) }).catch(refused);
  done('entsperrt', account.email);
}

export async function createTokenAction(_previous: SecretState, form: FormData): Promise<SecretState> {
  const user = await requireDeskAction(form, 'admin', access);
  const t = await getTranslations({ locale: user.locale, namespace: 'DeskAccounts' });
  const name = text(form, 'name').trim();
  try {
    return { status: 'secret', heading: t('tokenHeading', { name }), text: t('tokenText'), secret: await createEditorToken(db(), name) };
  } catch (error) {
    // editor-tokens.ts words its two refusals in English for the CLI; the desk has its own words for them.
    const message = error instanceof Error ? error.message : '';
    if (message.startsWith('invalid token name')) return { status: 'problem', message: t('tokenInvalidName') };
    if (message.includes('already exists')) return { status: 'problem', message: t('tokenExists') };
    throw error;
  }
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  await requireDeskAction(form, 'admin', access);
  const name = text(form, 'name');
  await revokeEditorToken(db(), name);
  redirect(`${deskPaths.accounts}?erledigt=token&token=${encodeURIComponent(name)}#tokens`);
}
